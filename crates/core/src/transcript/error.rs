//! The one error every transcript reader returns, WebVTT, SRT, plain text and OHMS XML alike, so
//! the studio shows one kind of message whatever file a volunteer brought.

use std::fmt;

/// A transcript file that could not be read.
///
/// `line` is 1-based and counts lines of the file as the volunteer sees it in an editor. It is 0
/// only when the file as a whole is refused (it is too large, or not text at all) and no line is
/// to blame. `reason` is Russian and says both what is wrong and how to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptError {
    pub line: usize,
    pub reason: String,
}

impl TranscriptError {
    pub(crate) fn at(line: usize, reason: impl Into<String>) -> Self {
        TranscriptError {
            line,
            reason: reason.into(),
        }
    }

    pub(crate) fn whole_file(reason: impl Into<String>) -> Self {
        Self::at(0, reason)
    }

    /// Moves an error found in a piece of a larger file (a transcript inside OHMS XML) to the
    /// line numbering of that file; `first_line` is where the piece's own line 1 sits.
    pub(crate) fn shifted(self, first_line: usize) -> Self {
        let line = if self.line == 0 {
            first_line
        } else {
            first_line + self.line - 1
        };
        Self::at(line, self.reason)
    }
}

impl fmt::Display for TranscriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.reason)
        } else {
            write!(f, "строка {}: {}", self.line, self.reason)
        }
    }
}

impl std::error::Error for TranscriptError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line_unless_the_whole_file_is_refused() {
        let e = TranscriptError::at(12, "время «00:61:00» — минут не бывает больше 59");
        assert_eq!(
            e.to_string(),
            "строка 12: время «00:61:00» — минут не бывает больше 59"
        );
        let e = TranscriptError::whole_file("файл слишком большой");
        assert_eq!(e.to_string(), "файл слишком большой");
    }

    #[test]
    fn shifting_moves_the_line_into_the_outer_file() {
        assert_eq!(TranscriptError::at(3, "x").shifted(40).line, 42);
        assert_eq!(TranscriptError::at(1, "x").shifted(40).line, 40);
        assert_eq!(TranscriptError::whole_file("x").shifted(40).line, 40);
    }
}
