"""Office documents in zip packages of XML parts: what the Word and OpenDocument readers share (:mod:`.common`)."""
