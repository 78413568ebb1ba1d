def receptive_fields(layers):
    r, jump = 1, 1
    fields = []
    for kernel, stride in layers:
        # each extra kernel tap reaches `jump` input pixels further: the product of the EARLIER strides
        r += (kernel - 1) * jump
        jump *= stride
        fields.append(r)
    return fields


if __name__ == "__main__":
    layers = eval(input())
    print(receptive_fields(layers))
