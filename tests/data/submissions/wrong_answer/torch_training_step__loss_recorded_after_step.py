import torch
import torch.nn.functional as F


def train(model, X, Y, lr, momentum, weight_decay, steps):
    """Full-batch training of `model` on (X, Y) with the MSE loss and SGD with momentum and weight decay,
    for `steps` updates; the parameters are updated in place. Returns the loss before each update."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()  # backward() adds into .grad: clear the previous step's gradient first
        loss = F.mse_loss(model(X), Y)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(F.mse_loss(model(X), Y).item())
    return losses


if __name__ == "__main__":
    torch.set_num_threads(1)
    d_in, d_hidden, d_out = eval(input())
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in eval(input()).items()}
    X = torch.tensor(eval(input()), dtype=torch.float64)
    Y = torch.tensor(eval(input()), dtype=torch.float64)
    lr, momentum, weight_decay = eval(input())
    steps = int(input())
    model = torch.nn.Sequential(
        torch.nn.Linear(d_in, d_hidden), torch.nn.Tanh(), torch.nn.Linear(d_hidden, d_out)
    ).double()
    model.load_state_dict(state)
    losses = train(model, X, Y, lr, momentum, weight_decay, steps)
    print([round(float(loss), 4) for loss in losses])
    for value in model.state_dict().values():
        print(value.round(decimals=4).tolist())
