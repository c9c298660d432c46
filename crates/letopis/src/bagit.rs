//! BagIt bags (RFC 8493): the open, tool-independent form of a backup, which any archive's
//! tools (the Library of Congress's `bagit`, Archivematica…) can check without Letopis.
//!
//! ```text
//! bagit.txt               the declaration; written last, so a bag cut short is no bag
//! bag-info.txt            Bagging-Date, Payload-Oxum, Letopis-Version …
//! manifest-sha256.txt     "<sha256>  data/<path>" for every payload file
//! tagmanifest-sha256.txt  the same for the three files above
//! data/                   the payload
//! ```

use anyhow::{Context, Result, bail};
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Component, Path};

pub const DECLARATION: &str = "bagit.txt";
pub const INFO: &str = "bag-info.txt";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
pub const PAYLOAD: &str = "data";

/// Every top-level name a bag of ours has.
pub const NAMES: [&str; 5] = [DECLARATION, INFO, MANIFEST, TAG_MANIFEST, PAYLOAD];

/// The field of bag-info.txt naming the program and the base's schema version.
pub const VERSION_FIELD: &str = "Letopis-Version";

const DECLARATION_TEXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// The SHA-256 (lower-case hex) and size of the file at `path`, read in pieces.
pub fn hash_file(path: &Path) -> io::Result<(String, u64)> {
    hash_stream(File::open(path)?, io::sink())
}

/// The SHA-256 of what `from` gives, and its length.
pub fn hash_reader(from: impl Read) -> io::Result<(String, u64)> {
    hash_stream(from, io::sink())
}

/// Copies what `from` gives to `dest` (which must not exist), hashing on the way, and syncs
/// the copy.
pub fn copy_reader_hashing(from: impl Read, dest: &Path) -> io::Result<(String, u64)> {
    let mut out = File::create_new(dest)?;
    let hashed = hash_stream(from, &mut out)?;
    out.sync_all()?;
    Ok(hashed)
}

/// Copies `src` to `dest` (which must not exist), hashing on the way, and syncs the copy.
pub fn copy_hashing(src: &Path, dest: &Path) -> io::Result<(String, u64)> {
    let mut out = File::create_new(dest)?;
    let hashed = hash_stream(File::open(src)?, &mut out)?;
    out.sync_all()?;
    Ok(hashed)
}

/// Copies and hashes in one pass (the blob store's own routine: a bag's checksums are its
/// originals' names).
fn hash_stream(from: impl Read, to: impl Write) -> io::Result<(String, u64)> {
    letopis_media::copy_hashing(from, to)
}

/// The payload manifest, written a line at a time as files go into the bag, and the
/// Payload-Oxum («octets.streams») it adds up to.
pub struct Manifest {
    out: BufWriter<File>,
    pub bytes: u64,
    pub files: u64,
}

impl Manifest {
    pub fn create(bag: &Path) -> Result<Manifest> {
        let path = bag.join(MANIFEST);
        let out = File::create_new(&path)
            .with_context(|| format!("не удалось создать {}", path.display()))?;
        Ok(Manifest {
            out: BufWriter::new(out),
            bytes: 0,
            files: 0,
        })
    }

    /// Lists a payload file by its path under `data/`, with `/` between names.
    pub fn add(&mut self, path: &str, sha256: &str, size: u64) -> Result<()> {
        writeln!(self.out, "{sha256}  {PAYLOAD}/{}", encode_path(path))
            .context("не удалось записать опись копии")?;
        self.bytes += size;
        self.files += 1;
        Ok(())
    }

    /// Writes the other tag files beside the manifest: bag-info.txt with `info` and the
    /// Payload-Oxum, the tag manifest, and the declaration last.
    pub fn seal(self, bag: &Path, info: &[(&str, String)]) -> Result<()> {
        let oxum = format!("{}.{}", self.bytes, self.files);
        let file = self
            .out
            .into_inner()
            .map_err(|e| e.into_error())
            .context("не удалось записать опись копии")?;
        file.sync_all().context("не удалось записать опись копии")?;
        let mut text = String::new();
        for (label, value) in info {
            text.push_str(&format!("{label}: {}\n", one_line(value)));
        }
        text.push_str(&format!("Payload-Oxum: {oxum}\n"));
        write_synced(&bag.join(INFO), &text)?;
        write_synced(&bag.join(DECLARATION), DECLARATION_TEXT)?;
        let mut tags = String::new();
        for name in [DECLARATION, INFO, MANIFEST] {
            let (sha, _) = hash_file(&bag.join(name))
                .with_context(|| format!("не удалось прочитать {name}"))?;
            tags.push_str(&format!("{sha}  {name}\n"));
        }
        // The declaration was written before the tag manifest only so that the manifest can
        // list it; it is rewritten last, so that until then the directory does not say it is
        // a bag even to a reader that ignores tag manifests.
        std::fs::remove_file(bag.join(DECLARATION)).context("не удалось записать bagit.txt")?;
        write_synced(&bag.join(TAG_MANIFEST), &tags)?;
        write_synced(&bag.join(DECLARATION), DECLARATION_TEXT)
    }
}

fn write_synced(path: &Path, text: &str) -> Result<()> {
    let write = || -> io::Result<()> {
        let mut f = File::create(path)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()
    };
    write().with_context(|| format!("не удалось записать {}", path.display()))
}

/// A tag value on one line: RFC 8493 lets a value continue on indented lines, but a site name
/// with a line break in it reads better as one line anyway.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RFC 8493 §2.1.3: a manifest names a file with `%`, CR and LF percent-encoded.
fn encode_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn decode_path(path: &str) -> String {
    path.replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%25", "%")
}

/// What a bag that checked out holds.
#[derive(Debug)]
pub struct Checked {
    pub bytes: u64,
    pub files: u64,
    /// bag-info.txt's fields in order.
    pub info: Vec<(String, String)>,
}

impl Checked {
    pub fn field(&self, label: &str) -> Option<&str> {
        self.info
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(label))
            .map(|(_, v)| v.as_str())
    }
}

/// What is wrong with a bag, file by file.
#[derive(Default)]
struct Problems {
    damaged: Vec<String>,
    missing: Vec<String>,
    unlisted: Vec<String>,
    other: Vec<String>,
}

impl Problems {
    fn is_empty(&self) -> bool {
        self.damaged.is_empty()
            && self.missing.is_empty()
            && self.unlisted.is_empty()
            && self.other.is_empty()
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (what, files) in [
            (
                "содержимое не совпадает с контрольной суммой",
                &self.damaged,
            ),
            ("файлов нет, хотя они в описи", &self.missing),
            ("файлы не указаны в описи", &self.unlisted),
        ] {
            if !files.is_empty() {
                parts.push(format!("{what}: {}", listed(files)));
            }
        }
        parts.extend(self.other.iter().cloned());
        parts.join("; ")
    }
}

/// Names the first files of a list, and how many more there are.
pub fn listed(files: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = files
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if files.len() > SHOWN {
        text.push_str(&format!(" и ещё {}", files.len() - SHOWN));
    }
    text
}

/// Checks the bag at `bag` as RFC 8493 asks: the declaration is there, every file in the
/// manifests has its checksum, no payload file is missing from the manifest, the Payload-Oxum
/// adds up. The error names every bad file (the first twenty of each kind).
pub fn check(bag: &Path) -> Result<Checked> {
    let declaration = std::fs::read_to_string(bag.join(DECLARATION)).with_context(|| {
        format!(
            "{} — не резервная копия Летописи: в нём нет файла {DECLARATION} (каталог BagIt)",
            bag.display()
        )
    })?;
    if !declaration.starts_with("BagIt-Version:") {
        bail!(
            "{}: файл {DECLARATION} не начинается с BagIt-Version — это не каталог BagIt",
            bag.display()
        );
    }
    let info = read_info(&bag.join(INFO))?;
    let mut problems = Problems::default();
    let mut listed_paths = HashSet::new();
    let (bytes, files) = check_manifest(bag, MANIFEST, &mut problems, Some(&mut listed_paths))?;
    if bag.join(TAG_MANIFEST).is_file() {
        check_manifest(bag, TAG_MANIFEST, &mut problems, None)?;
    }
    find_unlisted(
        bag,
        Path::new(PAYLOAD),
        &listed_paths,
        &mut problems.unlisted,
    )?;
    let checked = Checked { bytes, files, info };
    if let Some(oxum) = checked.field("Payload-Oxum") {
        let counted = format!("{bytes}.{files}");
        if oxum.trim() != counted {
            problems.other.push(format!(
                "Payload-Oxum в {INFO} — {oxum}, а в описи {counted} (байтов.файлов)"
            ));
        }
    }
    if !problems.is_empty() {
        bail!(
            "резервная копия {} повреждена или неполна, восстанавливать из неё нельзя: {}",
            bag.display(),
            problems.describe()
        );
    }
    Ok(checked)
}

/// The schema version in `Letopis-Version: 0.1.0 schema 20`.
pub fn schema_of(value: &str) -> Option<i64> {
    let mut words = value.split_whitespace();
    words.find(|w| *w == "schema")?;
    words.next()?.parse().ok()
}

/// The schema of the base a bag of ours says it holds, from its declaration and bag-info
/// alone (without checking a checksum); `None` when `bag` is no bag of ours.
pub fn declared_schema(bag: &Path) -> Option<i64> {
    if !bag.join(DECLARATION).is_file() {
        return None;
    }
    read_info(&bag.join(INFO))
        .ok()?
        .into_iter()
        .find(|(label, _)| label == VERSION_FIELD)
        .and_then(|(_, value)| schema_of(&value))
}

fn read_info(path: &Path) -> Result<Vec<(String, String)>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(e).with_context(|| format!("не удалось прочитать {}", path.display()));
        }
    };
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            // A continuation of the value above.
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((label, value)) = line.split_once(':') {
            fields.push((label.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok(fields)
}

/// Checks every line of one manifest; returns the bytes and files it lists.
fn check_manifest(
    bag: &Path,
    name: &str,
    problems: &mut Problems,
    mut listed_paths: Option<&mut HashSet<String>>,
) -> Result<(u64, u64)> {
    let path = bag.join(name);
    let file = File::open(&path).with_context(|| {
        format!(
            "в резервной копии {} нет описи {name}: проверить файлы нельзя",
            bag.display()
        )
    })?;
    let (mut bytes, mut files) = (0u64, 0u64);
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("не удалось прочитать {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let Some((sum, listed)) = line.split_once([' ', '\t']) else {
            problems
                .other
                .push(format!("{name}, строка {}: нет пути к файлу", n + 1));
            continue;
        };
        let listed = decode_path(listed.trim_start());
        if !is_inside(&listed) || (listed_paths.is_some() && !listed.starts_with("data/")) {
            problems.other.push(format!(
                "{name}, строка {}: путь «{listed}» ведёт за пределы копии",
                n + 1
            ));
            continue;
        }
        match hash_file(&bag.join(&listed)) {
            Ok((actual, size)) => {
                if !actual.eq_ignore_ascii_case(sum) {
                    problems.damaged.push(listed.clone());
                }
                bytes += size;
                files += 1;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => problems.missing.push(listed.clone()),
            Err(e) => problems.other.push(format!("{listed}: не читается ({e})")),
        }
        if let Some(set) = listed_paths.as_deref_mut() {
            set.insert(listed);
        }
    }
    Ok((bytes, files))
}

/// A manifest's path stays inside the bag: relative, with no `..`.
fn is_inside(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

/// Collects the payload files under `rel` that the manifest does not list, one directory at a
/// time.
fn find_unlisted(
    bag: &Path,
    rel: &Path,
    listed_paths: &HashSet<String>,
    unlisted: &mut Vec<String>,
) -> Result<()> {
    let dir = bag.join(rel);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound && rel == Path::new(PAYLOAD) => {
            bail!("в резервной копии {} нет каталога data", bag.display())
        }
        Err(e) => return Err(e).with_context(|| format!("не удалось прочитать {}", dir.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("не удалось прочитать {}", dir.display()))?;
        let child = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            find_unlisted(bag, &child, listed_paths, unlisted)?;
        } else {
            let text = child.to_string_lossy().replace('\\', "/");
            if !listed_paths.contains(&text) {
                unlisted.push(text);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_read_from_the_version_field() {
        assert_eq!(schema_of("0.1.0 schema 20"), Some(20));
        assert_eq!(schema_of("0.1.0"), None);
    }

    fn bag_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let bag = dir.path();
        std::fs::create_dir_all(bag.join("data/media/ab")).expect("mkdir");
        let mut manifest = Manifest::create(bag).expect("manifest");
        for (path, bytes) in files {
            std::fs::write(bag.join("data").join(path), bytes).expect("write");
            let (sha, size) = hash_file(&bag.join("data").join(path)).expect("hash");
            manifest.add(path, &sha, size).expect("add");
        }
        manifest
            .seal(bag, &[("Source-Organization", "Музей\nгорода".into())])
            .expect("seal");
        dir
    }

    #[test]
    fn a_sealed_bag_checks_out_and_any_change_names_the_file() {
        let dir = bag_with(&[("letopis.db", b"base"), ("media/ab/one", b"one")]);
        let bag = dir.path();
        let checked = check(bag).expect("a whole bag");
        assert_eq!((checked.bytes, checked.files), (7, 2));
        assert_eq!(checked.field("payload-oxum"), Some("7.2"));
        assert_eq!(checked.field("Source-Organization"), Some("Музей города"));

        std::fs::write(bag.join("data/media/ab/one"), b"One").expect("write");
        std::fs::write(bag.join("data/extra"), b"x").expect("write");
        let err = format!("{:#}", check(bag).expect_err("damaged"));
        assert!(
            err.contains("data/media/ab/one") && err.contains("data/extra"),
            "{err}"
        );

        std::fs::remove_file(bag.join("data/letopis.db")).expect("rm");
        let err = format!("{:#}", check(bag).expect_err("incomplete"));
        assert!(
            err.contains("нет, хотя они в описи: data/letopis.db"),
            "{err}"
        );

        std::fs::remove_file(bag.join(DECLARATION)).expect("rm");
        let err = format!("{:#}", check(bag).expect_err("no bag"));
        assert!(err.contains("bagit.txt"), "{err}");
    }

    #[test]
    fn manifest_paths_stay_inside_the_bag() {
        assert!(is_inside("data/media/ab/cd/x"));
        assert!(!is_inside("data/../../etc/passwd"));
        assert!(!is_inside("/etc/passwd"));
        assert_eq!(decode_path(&encode_path("a%b\nc")), "a%b\nc");
    }
}
