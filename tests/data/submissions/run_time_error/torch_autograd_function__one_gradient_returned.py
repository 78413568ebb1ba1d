import torch


class Swish(torch.autograd.Function):
    """y = x * sigmoid(beta * x) elementwise, for x of any shape and a 0-dim beta; backward returns
    (grad_x, grad_beta) of the same shapes as x and beta."""

    @staticmethod
    def forward(ctx, x, beta):
        s = torch.sigmoid(beta * x)
        ctx.save_for_backward(x, beta, s)
        return x * s

    @staticmethod
    def backward(ctx, grad_output):
        x, beta, s = ctx.saved_tensors
        ds = s * (1 - s)  # the sigmoid's derivative at beta * x
        grad_x = grad_output * (s + beta * x * ds)
        grad_beta = (grad_output * x * x * ds).sum()  # beta is one number shared by every element
        return grad_x


if __name__ == "__main__":
    torch.set_num_threads(1)
    x = torch.tensor(eval(input()), dtype=torch.float64, requires_grad=True)
    beta = torch.tensor(float(input()), dtype=torch.float64, requires_grad=True)
    dy = torch.tensor(eval(input()), dtype=torch.float64)
    assert issubclass(Swish, torch.autograd.Function), "Swish must subclass torch.autograd.Function"
    y = Swish.apply(x, beta)
    y.backward(dy)
    print(y.detach().round(decimals=4).tolist())
    print(x.grad.round(decimals=4).tolist())
    print(beta.grad.round(decimals=4).tolist())
