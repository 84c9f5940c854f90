"""Reading the generated pages' display math back: a TeX reader for the subset the pages use (`tex`), exact numbers
and error balls (`balls`), an evaluator of what was read (`evaluate`), the display blocks split into `=` chains
(`blocks`) and each derivation's network written out afresh (`models`). Nothing here imports the generator."""
