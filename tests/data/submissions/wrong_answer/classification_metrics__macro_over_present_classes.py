# Averages the macro scores over the classes that occur in y_true or y_pred only.
import numpy as np


def safe_divide(a, b):
    return np.divide(a, b, out=np.zeros(len(a)), where=b > 0)  # 0 where the ratio is undefined


def classification_metrics(y_true, y_pred, num_classes):
    cm = np.zeros((num_classes, num_classes), dtype=int)
    np.add.at(cm, (np.asarray(y_true), np.asarray(y_pred)), 1)  # row = true class, column = predicted class
    tp = np.diag(cm).astype(float)
    predicted, actual = cm.sum(axis=0), cm.sum(axis=1)
    precision, recall = safe_divide(tp, predicted), safe_divide(tp, actual)
    f1 = safe_divide(2 * precision * recall, precision + recall)
    present = (predicted + actual) > 0
    macro = [precision[present].mean(), recall[present].mean(), f1[present].mean()]
    micro_p, micro_r = tp.sum() / predicted.sum(), tp.sum() / actual.sum()
    micro = [micro_p, micro_r, 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r > 0 else 0.0]
    return cm, precision, recall, f1, macro, micro


if __name__ == "__main__":
    y_true = eval(input())
    y_pred = eval(input())
    num_classes = int(input())
    cm, precision, recall, f1, macro, micro = classification_metrics(y_true, y_pred, num_classes)
    print(np.asarray(cm, dtype=int).tolist())
    for values in (precision, recall, f1, macro, micro):
        print(np.round(np.asarray(values, dtype=float), 4).tolist())
