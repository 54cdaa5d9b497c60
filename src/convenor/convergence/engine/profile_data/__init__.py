"""Multilingual item profiles (YAML), one file per framework slug."""
