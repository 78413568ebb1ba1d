# Counts pixels the old way: width x2 - x1 + 1 and height y2 - y1 + 1, in the areas and the overlap.
import numpy as np


def area(boxes):
    return (boxes[..., 2] - boxes[..., 0] + 1) * (boxes[..., 3] - boxes[..., 1] + 1)


def iou(box, boxes):
    w = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0]) + 1
    h = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1]) + 1
    inter = np.clip(w, 0, None) * np.clip(h, 0, None)  # apart boxes overlap by 0, not by a product of negatives
    return inter / (area(box) + area(boxes) - inter)


def nms(boxes, scores, iou_threshold):
    boxes, scores = np.asarray(boxes, dtype=float), np.asarray(scores, dtype=float)
    order = np.argsort(-scores, kind="stable")  # highest score first; equal scores keep the lower index first
    keep = []
    for i in order:
        if not keep or iou(boxes[i], boxes[keep]).max() <= iou_threshold:  # suppressed only when IoU > threshold
            keep.append(int(i))
    return keep


if __name__ == "__main__":
    boxes = np.array(eval(input()), dtype=float)
    scores = np.array(eval(input()), dtype=float)
    iou_threshold = float(input())
    print([int(i) for i in nms(boxes, scores, iou_threshold)])
