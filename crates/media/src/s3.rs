//! Originals in an S3-compatible object store (Amazon S3, Yandex Object Storage, VK Cloud,
//! MinIO, SeaweedFS, Garage …), named by a location like
//!
//! ```text
//! s3://letopis-media                                   the bucket, AWS's own endpoint
//! s3://letopis-media/town?endpoint=http://10.0.0.5:8333   a prefix, a server of one's own
//! s3://letopis-media?endpoint=https://storage.yandexcloud.net&region=ru-central1
//! ```
//!
//! Keys come from the environment as every S3 tool reads them (`AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`; `AWS_ENDPOINT`, `AWS_REGION` too), never from
//! the configuration file, which is copied into backups. Requests use the path style
//! (`endpoint/bucket/key`), which every S3-compatible server answers.

use std::path::PathBuf;
use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use object_store::prefix::PrefixStore;
use object_store::{ClientOptions, ObjectStore, RetryConfig};

use crate::blobs::ObjectBlobs;
use crate::error::MediaError;
use crate::types::Limits;

/// Where the originals are in an object store, parsed from an `s3://` location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    pub bucket: String,
    /// Keys start with this (no leading or trailing `/`); empty for the bucket's top.
    pub prefix: String,
    /// The server's address; AWS's own (or `AWS_ENDPOINT`) when `None`.
    pub endpoint: Option<String>,
    pub region: Option<String>,
}

impl S3Location {
    /// Parses `s3://bucket[/prefix][?endpoint=…&region=…]`; the error says what is wrong in
    /// Russian, for the person editing letopis.toml.
    pub fn parse(location: &str) -> Result<S3Location, String> {
        let example = "например s3://letopis-media?endpoint=http://127.0.0.1:8333";
        let Some(rest) = location.trim().strip_prefix("s3://") else {
            return Err(format!(
                "«{location}»: адрес хранилища начинается с s3://, {example}"
            ));
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (bucket, prefix) = path.split_once('/').unwrap_or((path, ""));
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !valid_bucket {
            return Err(format!(
                "«{location}»: «{bucket}» — не имя корзины (3–63 строчные латинские буквы, цифры, «-» и «.»), {example}"
            ));
        }
        let mut parsed = S3Location {
            bucket: bucket.to_string(),
            prefix: prefix.trim_matches('/').to_string(),
            endpoint: None,
            region: None,
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8_lossy()
                .into_owned();
            match key {
                "endpoint" if value.starts_with("http://") || value.starts_with("https://") => {
                    parsed.endpoint = Some(value.trim_end_matches('/').to_string());
                }
                "endpoint" => {
                    return Err(format!(
                        "«{location}»: endpoint должен начинаться с http:// или https://, {example}"
                    ));
                }
                "region" if !value.is_empty() => parsed.region = Some(value),
                other => {
                    return Err(format!(
                        "«{location}»: неизвестный параметр «{other}»; допустимы endpoint и region"
                    ));
                }
            }
        }
        Ok(parsed)
    }

    /// The location as [`S3Location::parse`] reads it (a setting to write into letopis.toml).
    pub fn spec(&self) -> String {
        let mut spec = format!("s3://{}", self.bucket);
        if !self.prefix.is_empty() {
            spec += &format!("/{}", self.prefix);
        }
        let encode = |v: &str| {
            percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let mut query = Vec::new();
        if let Some(endpoint) = &self.endpoint {
            query.push(format!("endpoint={}", encode(endpoint)));
        }
        if let Some(region) = &self.region {
            query.push(format!("region={}", encode(region)));
        }
        if !query.is_empty() {
            spec += &format!("?{}", query.join("&"));
        }
        spec
    }

    /// Opens the store (keys from the environment) and proves it reachable and writable.
    /// `staging` is a local directory for files being checked before they are sent.
    pub fn open(
        &self,
        limits: Limits,
        staging: impl Into<PathBuf>,
    ) -> Result<ObjectBlobs, MediaError> {
        self.open_with_keys(limits, staging, None)
    }

    /// [`S3Location::open`] with the access key and secret given rather than read from the
    /// environment (an embedder, a test).
    pub fn open_with_keys(
        &self,
        limits: Limits,
        staging: impl Into<PathBuf>,
        keys: Option<(&str, &str)>,
    ) -> Result<ObjectBlobs, MediaError> {
        // Without keys object_store would ask a cloud's instance metadata service
        // (169.254.169.254) for some: a request off the machine, and minutes of retries where
        // there is none. A museum's store is opened with keys.
        let in_env = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if keys.is_none() && !(in_env("AWS_ACCESS_KEY_ID") && in_env("AWS_SECRET_ACCESS_KEY")) {
            return Err(MediaError::Remote {
                action: format!("подключиться к корзине {}", self.bucket),
                detail: "не заданы ключи доступа".into(),
            });
        }
        // reqwest is built without a TLS provider of its own; ring is the one already here
        // (mail). Installing twice is harmless: the first one stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&self.bucket)
            .with_virtual_hosted_style_request(false);
        if let Some((access, secret)) = keys {
            builder = builder
                .with_access_key_id(access)
                .with_secret_access_key(secret);
        }
        // The client options replace the builder's, `allow_http` among them: set first.
        let plain_http = self
            .endpoint
            .as_deref()
            .is_some_and(|e| e.starts_with("http://"));
        builder = builder.with_client_options(
            ClientOptions::new()
                .with_allow_http(plain_http)
                .with_connect_timeout(std::time::Duration::from_secs(5))
                .with_timeout(std::time::Duration::from_secs(120)),
        );
        if let Some(endpoint) = &self.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        // A server of one's own seldom cares about the region, but the signature names one.
        builder = builder.with_region(self.region.as_deref().unwrap_or_else(|| {
            if self.endpoint.is_some() {
                "us-east-1"
            } else {
                "eu-central-1"
            }
        }));
        // A visitor's request waits on these: a few quick retries, not object_store's three
        // minutes, so that an outage shows as an error page rather than a hung player.
        builder = builder.with_retry(RetryConfig {
            max_retries: 3,
            retry_timeout: std::time::Duration::from_secs(15),
            ..RetryConfig::default()
        });
        let store = builder.build().map_err(|e| MediaError::Remote {
            action: format!("подключиться к корзине {}", self.bucket),
            detail: e.to_string(),
        })?;
        let store: Arc<dyn ObjectStore> = if self.prefix.is_empty() {
            Arc::new(store)
        } else {
            Arc::new(PrefixStore::new(store, self.prefix.as_str()))
        };
        let blobs = ObjectBlobs::new(store, limits, staging)?;
        blobs.check()?;
        Ok(blobs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_writes_back_as_it_reads() {
        for spec in [
            "s3://museum",
            "s3://museum/town/originals?endpoint=http://127.0.0.1:8333",
            "s3://museum?endpoint=https://s3.example.ru&region=ru-central1",
        ] {
            let parsed = S3Location::parse(spec).expect(spec);
            assert_eq!(
                S3Location::parse(&parsed.spec()).expect(spec),
                parsed,
                "{spec}"
            );
        }
    }

    #[test]
    fn locations_name_a_bucket_a_prefix_and_a_server() {
        assert_eq!(
            S3Location::parse("s3://letopis-media").unwrap(),
            S3Location {
                bucket: "letopis-media".into(),
                prefix: String::new(),
                endpoint: None,
                region: None
            }
        );
        assert_eq!(
            S3Location::parse(
                "s3://museum/town/originals/?endpoint=http%3A%2F%2F127.0.0.1%3A8333&region=ru-central1"
            )
            .unwrap(),
            S3Location {
                bucket: "museum".into(),
                prefix: "town/originals".into(),
                endpoint: Some("http://127.0.0.1:8333".into()),
                region: Some("ru-central1".into())
            }
        );
        let err = |s: &str| S3Location::parse(s).expect_err(s);
        assert!(err("letopis-media").contains("s3://"));
        assert!(err("s3://A_b").contains("имя корзины"));
        assert!(err("s3://ok-bucket?endpoint=127.0.0.1:8333").contains("http://"));
        assert!(err("s3://ok-bucket?secret=x").contains("secret"));
    }
}
