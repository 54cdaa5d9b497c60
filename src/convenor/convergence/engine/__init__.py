"""Pure Python engine: no Django imports (import-linter enforces it)."""
