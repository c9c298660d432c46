//! HTML conformance: the Nu Html Checker (vnu.jar) over every page type, in one JVM start.

use crate::tools;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Deserialize)]
struct Report {
    messages: Vec<Message>,
}

#[derive(Debug, Deserialize)]
struct Message {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(rename = "lastLine", default)]
    line: Option<u64>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    extract: Option<String>,
}

/// Checks each `(name, html)` document; returns the errors, one line each, named by document.
pub fn check_html(documents: &[(String, String)]) -> Result<Vec<String>> {
    let java = tools::java()?;
    let jar = tools::vnu_jar()?;
    let dir = tempfile::tempdir().context("creating a directory for the checked pages")?;
    let mut files: Vec<(PathBuf, &str)> = Vec::new();
    for (i, (name, html)) in documents.iter().enumerate() {
        let path = dir.path().join(format!("page-{i}.html"));
        std::fs::write(&path, html).with_context(|| format!("writing {}", path.display()))?;
        files.push((path, name));
    }
    let output = Command::new(&java)
        .arg("-Xss2m")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--stdout"])
        .args(files.iter().map(|(p, _)| p))
        .output()
        .with_context(|| format!("running {} -jar {}", java.display(), jar.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Report = match serde_json::from_str(&stdout) {
        Ok(r) => r,
        Err(e) => bail!(
            "the Nu Html Checker gave no JSON report ({e}; exit {}):\n{}\n{}",
            output.status,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ),
    };
    let name_of = |url: &str| {
        files
            .iter()
            .find(|(p, _)| url.ends_with(&*p.to_string_lossy()))
            .map_or("?", |(_, n)| n)
            .to_owned()
    };
    Ok(report
        .messages
        .into_iter()
        .filter(|m| m.kind == "error" || m.subtype.as_deref() == Some("fatal"))
        .map(|m| {
            format!(
                "{} line {}: {}{}",
                m.url.as_deref().map(name_of).unwrap_or_else(|| "?".into()),
                m.line.unwrap_or(0),
                m.message,
                m.extract
                    .map(|x| format!(
                        "\n    {}",
                        x.split_whitespace().collect::<Vec<_>>().join(" ")
                    ))
                    .unwrap_or_default()
            )
        })
        .collect())
}
