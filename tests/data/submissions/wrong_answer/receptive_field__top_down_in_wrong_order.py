# Uses the top-down recursion r = r*s + (k - s) but walks the layers from input to output.
def receptive_fields(layers):
    r = 1
    fields = []
    for kernel, stride in layers:
        r = r * stride + (kernel - stride)
        fields.append(r)
    return fields


if __name__ == "__main__":
    layers = eval(input())
    print(receptive_fields(layers))
