//! `make capabilities`: `xtask::capabilities` says what it runs and how it judges.
fn main() -> anyhow::Result<()> {
    xtask::capabilities::main()
}
