"""Findings and policies rendered for people (tables) and programs (JSON)."""
