"""Convergence engine: pure Python over dataclasses (no Django, no other app).

Mapping recommendations to framework items (lexical and semantic), clustering them into
issues with coordinator edits that survive re-runs, and the convergence matrix.
"""

from .clustering import (
    Cluster,
    ClusterConstraints,
    Clustering,
    PinnedName,
    cluster_recommendations,
    merge,
    rename,
    split,
)
from .embeddings import EmbeddingCache, SemanticModelMissing, default_embedder
from .lexical import LexicalMapper
from .mapping import Mapper
from .matrix import (
    ConvergenceMatrix,
    Divergence,
    KeyIssue,
    convergence_matrix,
    divergences,
    key_issues,
    membership_matrix,
)
from .profiles import expansions_for, load_profile
from .semantic import SemanticMapper
from .types import FrameworkItemText, ItemScore, Recommendation

__all__ = [
    "Cluster",
    "ClusterConstraints",
    "Clustering",
    "ConvergenceMatrix",
    "Divergence",
    "EmbeddingCache",
    "FrameworkItemText",
    "ItemScore",
    "KeyIssue",
    "LexicalMapper",
    "Mapper",
    "PinnedName",
    "Recommendation",
    "SemanticMapper",
    "SemanticModelMissing",
    "cluster_recommendations",
    "convergence_matrix",
    "default_embedder",
    "divergences",
    "expansions_for",
    "key_issues",
    "load_profile",
    "membership_matrix",
    "merge",
    "rename",
    "split",
]
