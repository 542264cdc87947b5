//! Unguessable names: session tokens and the keys of uploaded photos.

/// `bytes` random bytes from the system's source, as lowercase hex.
pub fn hex(bytes: usize) -> Result<String, getrandom::Error> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer)?;
    Ok(buffer.iter().map(|b| format!("{b:02x}")).collect())
}
