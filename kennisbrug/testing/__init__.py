"""Test support shared by the apps' test suites (loaded as a pytest plugin from conftest)."""
