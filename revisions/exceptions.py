from django.utils.translation import gettext_lazy as _


class RevisionError(Exception):
    """A write the engine refused; `message` is for the person who tried."""

    message = _("This change could not be saved.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class EditConflict(RevisionError):
    """The page changed since the editor's base revision and the changes overlap.

    Nothing was saved. The editor gets their own text back intact, the current text, and a
    merged proposal with the overlapping passages marked.
    """

    message = _("Someone changed this page while you were editing it, at the same place.")

    def __init__(self, *, current, my_text, my_data, proposal_text, proposal_data, conflicts):
        self.current = current
        self.my_text = my_text
        self.my_data = my_data
        self.proposal_text = proposal_text
        self.proposal_data = proposal_data
        self.conflicts = conflicts
        super().__init__()


class PageProtected(RevisionError):
    message = _("This page is protected: only moderators can change it.")


class StaleBaseRevision(RevisionError):
    message = _("The revision your edit starts from does not belong to this page.")
