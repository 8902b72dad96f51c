"""Exports of the dataset or of a filtered timeline."""
