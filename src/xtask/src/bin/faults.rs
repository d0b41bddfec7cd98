//! `make faults`: `xtask::faults` says what it runs and how it judges.
fn main() -> anyhow::Result<()> {
    xtask::faults::main()
}
