# Adds k - 1 per layer and ignores strides, as if every layer had stride 1.
def receptive_fields(layers):
    r = 1
    fields = []
    for kernel, stride in layers:
        r += kernel - 1
        fields.append(r)
    return fields


if __name__ == "__main__":
    layers = eval(input())
    print(receptive_fields(layers))
