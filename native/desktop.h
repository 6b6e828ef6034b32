// The desktop playground: the shared app in an SDL2 + OpenGL 3.3 window. Main thread only.
#pragma once

namespace interleave::desktop {

struct Options {
  int frames = 0;                 // stop after this many frames (0: run until closed)
};

int main(const Options& options);

}  // namespace interleave::desktop
