# Multiplies (k - 1) by the product of strides INCLUDING the current layer's stride.
def receptive_fields(layers):
    r, jump = 1, 1
    fields = []
    for kernel, stride in layers:
        jump *= stride
        r += (kernel - 1) * jump
        fields.append(r)
    return fields


if __name__ == "__main__":
    layers = eval(input())
    print(receptive_fields(layers))
