"""Tests that drive a real browser (headless Chromium) against rendered reports."""
