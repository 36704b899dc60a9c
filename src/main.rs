fn main() {
    org_console::start();
}
