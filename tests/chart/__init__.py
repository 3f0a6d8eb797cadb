"""Helm chart and container image tests."""
