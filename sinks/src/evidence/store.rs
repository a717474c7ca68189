use std::sync::Arc;

use futures::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Result};
use crate::evidence::config::EvidenceStoreConfig;
use crate::evidence::package::{EvidenceFile, EvidencePackage, FileCheck, MANIFEST_VERSION, PackageFile, PackageInfo, VerifyReport};
use crate::evidence::render::sha256_hex;

/// The manifest's name in every package.
const MANIFEST: &str = "manifest.json";

/// Files larger than this are uploaded in parts of this size (S3's smallest part but the last).
const PART_BYTES: usize = 5 * 1024 * 1024;

/// Evidence packages in an object store.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    store: Arc<dyn ObjectStore>,
}

fn invalid(msg: String) -> Error {
    Error::new(ErrorKind::InvalidArgument, msg)
}

fn unavailable(what: &str, e: object_store::Error) -> Error {
    Error::new(ErrorKind::Unavailable, format!("evidence store {what}: {e}"))
}

/// A package prefix or file name: non-empty parts of letters, digits, `.`, `_`, `-`, and no
/// `.`/`..` part, so a key can never leave the package.
fn check_key_part(what: &str, s: &str, slashes: bool) -> Result<()> {
    let ok_part = |p: &str| !p.is_empty() && p != "." && p != ".." && p.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if (slashes && s.split('/').all(ok_part)) || (!slashes && ok_part(s)) {
        Ok(())
    } else {
        Err(invalid(format!("evidence {what} `{s}` must be parts of letters, digits, '.', '_', '-'")))
    }
}

impl EvidenceStore {
    /// Opens the store `config` describes (`InvalidArgument` for a bad config; the local root is
    /// created if missing).
    pub fn new(config: &EvidenceStoreConfig) -> Result<Self> {
        config.validate().map_err(|e| invalid(format!("evidence.{e}")))?;
        let store: Arc<dyn ObjectStore> = match config {
            EvidenceStoreConfig::Local { root } => {
                std::fs::create_dir_all(root).map_err(|e| Error::new(ErrorKind::Unavailable, format!("evidence root {}: {e}", root.display())))?;
                Arc::new(LocalFileSystem::new_with_prefix(root).map_err(|e| unavailable("open", e))?)
            }
            EvidenceStoreConfig::S3 { bucket, endpoint, region, access_key_id, secret_access_key, allow_http } => {
                let mut b = AmazonS3Builder::from_env().with_bucket_name(bucket).with_region(region).with_allow_http(*allow_http);
                if let Some(e) = endpoint {
                    b = b.with_endpoint(e);
                }
                if let (Some(k), Some(s)) = (access_key_id, secret_access_key) {
                    b = b.with_access_key_id(k.expose()).with_secret_access_key(s.expose());
                }
                Arc::new(b.build().map_err(|e| invalid(format!("evidence.s3: {e}")))?)
            }
        };
        Ok(Self { store })
    }

    /// Over any object store (tests, other backends).
    pub fn with_store(store: Arc<dyn ObjectStore>) -> Self {
        Self { store }
    }

    /// Writes `files` under `prefix`, then the manifest listing them with their SHA-256: a
    /// manifest never names a file that was not written. Returns the manifest.
    pub async fn put_package(&self, prefix: &str, files: Vec<PackageFile>, info: PackageInfo) -> Result<EvidencePackage> {
        check_key_part("prefix", prefix, true)?;
        let mut listed: Vec<EvidenceFile> = Vec::with_capacity(files.len());
        for f in &files {
            check_key_part("file name", &f.name, false)?;
            if f.name == MANIFEST || listed.iter().any(|l| l.name == f.name) {
                return Err(invalid(format!("evidence file name `{}` is reserved or repeated", f.name)));
            }
            let key = format!("{prefix}/{}", f.name);
            listed.push(EvidenceFile {
                name: f.name.clone(),
                key,
                sha256: sha256_hex(&f.data),
                bytes: f.data.len() as u64,
                content_type: f.content_type.clone(),
            });
        }
        for (f, l) in files.into_iter().zip(&listed) {
            self.put(&l.key, f.data).await?;
        }
        let manifest = EvidencePackage { manifest_version: MANIFEST_VERSION, prefix: prefix.to_string(), info, files: listed };
        self.put(&format!("{prefix}/{MANIFEST}"), manifest.to_bytes()?).await?;
        Ok(manifest)
    }

    /// One object: a single put, or a multipart upload when it is over one part.
    async fn put(&self, key: &str, data: Vec<u8>) -> Result<()> {
        let path = Path::from(key);
        if data.len() <= PART_BYTES {
            self.store.put(&path, PutPayload::from(data)).await.map_err(|e| unavailable("put", e))?;
            return Ok(());
        }
        let upload = self.store.put_multipart(&path).await.map_err(|e| unavailable("multipart", e))?;
        let mut w = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        w.write(&data);
        w.finish().await.map_err(|e| unavailable("multipart", e))?;
        Ok(())
    }

    /// The manifest under `prefix`. `InvalidArgument` when there is none or it does not parse.
    pub async fn manifest(&self, prefix: &str) -> Result<EvidencePackage> {
        let bytes = self.manifest_bytes(prefix).await?.ok_or_else(|| invalid(format!("no evidence package at `{prefix}`")))?;
        serde_json::from_slice(&bytes).map_err(|e| invalid(format!("evidence manifest at `{prefix}` does not parse: {e}")))
    }

    /// The manifest's bytes as stored (what the evidence log's hash covers); `None` when absent.
    pub async fn manifest_bytes(&self, prefix: &str) -> Result<Option<Vec<u8>>> {
        check_key_part("prefix", prefix, true)?;
        let got = match self.store.get(&Path::from(format!("{prefix}/{MANIFEST}"))).await {
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            r => r.map_err(|e| unavailable("get", e))?,
        };
        Ok(Some(got.bytes().await.map_err(|e| unavailable("get", e))?.to_vec()))
    }

    /// One file of a package, as listed in its manifest.
    pub async fn file(&self, f: &EvidenceFile) -> Result<Vec<u8>> {
        let got = self.store.get(&Path::from(f.key.as_str())).await.map_err(|e| unavailable("get", e))?;
        Ok(got.bytes().await.map_err(|e| unavailable("get", e))?.to_vec())
    }

    /// Re-reads every file the manifest under `prefix` lists and recomputes its SHA-256.
    pub async fn verify_package(&self, prefix: &str) -> Result<VerifyReport> {
        let manifest = self.manifest(prefix).await?;
        let mut files = Vec::with_capacity(manifest.files.len());
        for f in &manifest.files {
            let check = if f.key != format!("{prefix}/{}", f.name) { FileCheck::ForeignKey } else { self.check(f).await? };
            files.push((f.name.clone(), check));
        }
        Ok(VerifyReport { manifest, files })
    }

    /// Streams one object through SHA-256 (a clip is not held in memory).
    async fn check(&self, f: &EvidenceFile) -> Result<FileCheck> {
        let got = match self.store.get(&Path::from(f.key.as_str())).await {
            Err(object_store::Error::NotFound { .. }) => return Ok(FileCheck::Missing),
            r => r.map_err(|e| unavailable("get", e))?,
        };
        let (mut hash, mut bytes) = (Sha256::new(), 0u64);
        let mut stream = got.into_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| unavailable("read", e))?;
            hash.update(&chunk);
            bytes += chunk.len() as u64;
        }
        let sha256 = format!("{:x}", hash.finalize());
        Ok(if sha256 == f.sha256 && bytes == f.bytes { FileCheck::Intact } else { FileCheck::Mismatch { sha256, bytes } })
    }
}
