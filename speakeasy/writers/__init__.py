"""Writers: change a document's own file format (Word) without losing its formatting."""
