//! Where pictures are kept: a local folder by default, an S3-compatible bucket by configuration.
//! Keys never change their content (each upload gets a new one), so the files can be cached forever.
use std::sync::Arc;

use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

#[derive(Clone, Debug)]
pub struct Media {
    store: Arc<dyn ObjectStore>,
}

impl Media {
    /// Files under `dir`, which is created if missing.
    pub fn local(dir: &std::path::Path) -> object_store::Result<Self> {
        std::fs::create_dir_all(dir).map_err(|source| object_store::Error::Generic {
            store: "local",
            source: source.into(),
        })?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)?;
        Ok(Self {
            store: Arc::new(store),
        })
    }

    /// A bucket of an S3-compatible service; credentials, region and endpoint come from the usual
    /// `AWS_*` variables (`AWS_ENDPOINT` and `AWS_ALLOW_HTTP` for MinIO and the like).
    pub fn s3(bucket: &str) -> object_store::Result<Self> {
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()?;
        Ok(Self {
            store: Arc::new(store),
        })
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> object_store::Result<()> {
        self.store
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .map(|_| ())
    }

    /// The file, or `None` when there is none under that key.
    pub async fn get(&self, key: &str) -> object_store::Result<Option<Vec<u8>>> {
        let path =
            Path::parse(key).map_err(|source| object_store::Error::InvalidPath { source })?;
        match self.store.get(&path).await {
            Ok(found) => Ok(Some(found.bytes().await?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// Deleting what is already gone is not an error.
    pub async fn delete(&self, key: &str) -> object_store::Result<()> {
        match self.store.delete(&Path::from(key)).await {
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            other => other,
        }
    }
}
