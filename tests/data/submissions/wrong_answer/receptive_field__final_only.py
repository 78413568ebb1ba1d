# Prints only the receptive field of the last layer instead of one value per layer.
def receptive_fields(layers):
    r, jump = 1, 1
    for kernel, stride in layers:
        r += (kernel - 1) * jump
        jump *= stride
    return r


if __name__ == "__main__":
    layers = eval(input())
    print(receptive_fields(layers))
