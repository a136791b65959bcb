"""The words and rules per language: the paper's recurring phrases (phrasebook), the shapes of its raw
copy (patterns), the words the pipeline prints (labels) and typography."""
