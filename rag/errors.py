"""Errors the library raises. Each message is one line a person can act on; CLI and UI show it as is."""


class RagError(Exception):
    """Base class: anything the user can fix or should be told about."""


class BadQuestion(RagError):
    pass


class IndexMissing(RagError):
    pass


class IndexMismatch(RagError):
    pass


class IndexBusy(RagError):
    pass


class IndexWriteError(RagError):
    pass


class StoreUnavailable(RagError):
    """A vector store server (Milvus) that does not answer."""


class CorpusError(RagError):
    pass


class BackendUnavailable(RagError):
    pass


class ModelFileError(RagError):
    pass


class RateLimited(RagError):
    pass
