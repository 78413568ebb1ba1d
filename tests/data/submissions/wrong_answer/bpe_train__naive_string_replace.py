# Mistake: merges are applied with str.replace on the space-joined symbols, which also joins pieces of longer symbols.
from collections import Counter


def merge_pair(symbols, pair):
    """symbols with every occurrence of the adjacent pair joined into one symbol, left to right."""
    return tuple(" ".join(symbols).replace(" ".join(pair), "".join(pair)).split(" "))


def bpe_train(corpus, num_merges, word):
    """corpus: dict word -> count; num_merges: k >= 0; word: the string to tokenise.
    Returns (merges, tokens): merges, the learned pairs in order, each a tuple (left, right);
    tokens, the symbols of word after replaying every merge, "</w>" included."""
    words = {tuple(w) + ("</w>",): count for w, count in corpus.items()}
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols, count in words.items():
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        most = max(pairs.values())
        best = min(pair for pair, count in pairs.items() if count == most)  # ties: lexicographic order
        merges.append(best)
        words = {merge_pair(symbols, best): count for symbols, count in words.items()}
    tokens = tuple(word) + ("</w>",)
    for pair in merges:
        tokens = merge_pair(tokens, pair)
    return merges, list(tokens)


if __name__ == "__main__":
    corpus = eval(input())
    num_merges = int(input())
    word = input().strip()
    merges, tokens = bpe_train(corpus, num_merges, word)
    print([tuple(pair) for pair in merges])
    print(list(tokens))
