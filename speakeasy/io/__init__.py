"""Reading and writing files safely: the lowest layer, with no knowledge of documents or rules."""
