"""Generator of a verified, bilingual backpropagation derivation site."""
