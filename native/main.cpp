// Entry point of build/native/interleave; filled in by the command line.
int main() { return 0; }
