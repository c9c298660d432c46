//! Which part of a media file a response carries, from the request's `Range` header: players
//! seek in long recordings by asking for byte ranges, and a response carries at most
//! [`MAX_PART`] at a time so that memory stays bounded however long the recording.

use std::ops::Range;

/// The largest part of a file one response carries; players ask for the rest with further
/// ranges.
pub const MAX_PART: u64 = 8 * 1024 * 1024;

/// The bytes to send and whether the response is partial (`206`, with `Content-Range`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub bytes: Range<u64>,
    pub partial: bool,
}

/// The header names no range of the file: answer `416` with `Content-Range: bytes */size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsatisfiable;

/// The part of a file of `size` bytes to send for the `Range` header `asked` (its first range
/// when it names several; the whole file from the start when there is no header), cut to
/// [`MAX_PART`]. A file longer than that is always answered in parts.
pub fn part_to_send(asked: Option<&str>, size: u64) -> Result<Part, Unsatisfiable> {
    let range = match asked {
        None => None,
        // An empty file has no byte to point at: any range of it is unsatisfiable (RFC 9110,
        // 14.1.2), though the parser would hand back `0..1`.
        Some(_) if size == 0 => return Err(Unsatisfiable),
        Some(header) => {
            let ranges = http_range_header::parse_range_header(header)
                .and_then(|parsed| parsed.validate(size))
                .map_err(|_| Unsatisfiable)?;
            ranges.first().map(|r| *r.start()..*r.end() + 1)
        }
    };
    let partial = range.is_some() || size > MAX_PART;
    let want = range.unwrap_or(0..size);
    Ok(Part {
        bytes: want.start..want.end.min(want.start + MAX_PART),
        partial,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_header_is_the_whole_small_file() {
        assert_eq!(
            part_to_send(None, 10),
            Ok(Part {
                bytes: 0..10,
                partial: false
            })
        );
    }

    #[test]
    fn a_long_file_goes_in_parts() {
        let part = part_to_send(None, 3 * MAX_PART).expect("part");
        assert_eq!(part.bytes, 0..MAX_PART);
        assert!(part.partial);
    }

    #[test]
    fn the_first_range_asked_is_sent() {
        assert_eq!(
            part_to_send(Some("bytes=2-4, 6-8"), 10),
            Ok(Part {
                bytes: 2..5,
                partial: true
            })
        );
        assert_eq!(
            part_to_send(Some("bytes=-3"), 10).map(|p| p.bytes),
            Ok(7..10)
        );
    }

    /// Found by the `range_header` fuzz target: `bytes=0-` of an empty file was read as the
    /// first byte, one past the end.
    #[test]
    fn no_range_of_an_empty_file_is_satisfiable() {
        assert_eq!(part_to_send(Some("bytes=0-"), 0), Err(Unsatisfiable));
        assert_eq!(part_to_send(Some("bytes=-1"), 0), Err(Unsatisfiable));
        assert_eq!(
            part_to_send(None, 0),
            Ok(Part {
                bytes: 0..0,
                partial: false
            })
        );
    }

    #[test]
    fn ranges_outside_the_file_or_malformed_are_unsatisfiable() {
        assert_eq!(part_to_send(Some("bytes=20-30"), 10), Err(Unsatisfiable));
        assert_eq!(part_to_send(Some("lines=1-2"), 10), Err(Unsatisfiable));
    }
}
