"""Fitting the classifier judge: hashed features in, bucket weights out (scikit-learn, training only).

scikit-learn is imported here only, from the ``train`` extra (``pip install pytest-overrefusal[train]``);
the judge itself needs numpy alone. Training is deterministic: the rows are sorted by content before
fitting and the solver (liblinear's trust-region Newton method on the primal) uses no randomness, so
the same labelled files give the same weights up to floating-point rounding on another machine.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .features import DEFAULT_MAX_CHARS, DIM, featurize

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["DEFAULT_C", "Fitted", "fit"]

DEFAULT_C = 8.0
_MAX_ITER = 2000


@dataclass(frozen=True)
class Fitted:
    weights: npt.NDArray[np.float32]
    bias: float
    n: int
    refusals: int


def _require_sklearn() -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise ConfigError(
            "training the classifier judge needs scikit-learn: pip install 'pytest-overrefusal[train]'"
        ) from None
    return LogisticRegression


def fit(
    texts: Sequence[str],
    refused: Sequence[bool],
    *,
    c: float = DEFAULT_C,
    features: Sequence[npt.NDArray[np.int64]] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Fitted:
    """A logistic regression of refusal on the hashed features of ``texts``; classes weighted equally.

    ``features`` may give ``featurize(text, max_chars)`` for each text already (cross-validation reuses them).
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    logistic = _require_sklearn()
    if len(texts) != len(refused):
        raise ValueError(f"{len(texts)} texts but {len(refused)} labels")
    if len(set(refused)) < 2:
        raise ConfigError("training the classifier judge needs both refusals and compliances")
    # Order by content, not by file order: the same rows in any order give the same model.
    order = sorted(range(len(texts)), key=lambda i: (hashlib.sha256(texts[i].encode()).digest(), refused[i]))
    indptr, indices, values = [0], [], []
    labels = np.zeros(len(order), dtype=np.int8)
    for row, i in enumerate(order):
        buckets = featurize(texts[i], max_chars) if features is None else features[i]
        indices.append(buckets)
        values.append(np.full(len(buckets), 1.0 / math.sqrt(len(buckets)) if len(buckets) else 0.0))
        indptr.append(indptr[-1] + len(buckets))
        labels[row] = 1 if refused[i] else 0
    matrix = csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)), shape=(len(order), DIM), dtype=np.float64
    )
    model = logistic(C=c, solver="liblinear", max_iter=_MAX_ITER, tol=1e-6, class_weight="balanced", random_state=0)
    model.fit(matrix, labels)
    return Fitted(model.coef_[0].astype(np.float32), float(model.intercept_[0]), len(order), int(labels.sum()))
