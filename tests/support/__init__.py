"""Helpers the test suite shares: exercise checks, the served site, the browser side."""
