// Text from the input (file names, ids, dates, stub lines) made safe to print in a
// message: a terminal takes ESC, BEL and the C1 controls (U+009B is CSI) as commands,
// so a crafted file name could rewrite the screen. Each such character is shown as an
// escape instead ("\x1b", "\u009b"), so the message still says what the input held.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// `text` with C0 controls (tab and line breaks included), DEL and the C1 controls
// U+0080-U+009F written as visible escapes; everything else, invalid UTF-8 included,
// passes unchanged.
std::string printable(std::string_view text);

}  // namespace newsdex
