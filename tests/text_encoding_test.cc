#include "text_encoding.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(RepairUtf8, LeavesValidTextAlone) {
  std::string text = "Zélensky — 中国";
  EXPECT_FALSE(repair_utf8(text));
  EXPECT_EQ(text, "Zélensky — 中国");
}

TEST(RepairUtf8, ReplacesInvalidBytesWithReplacementCharacter) {
  std::string text = "growth.\xfc side";  // the stray Latin-1 byte of reut2-017.xml
  EXPECT_TRUE(repair_utf8(text));
  EXPECT_EQ(text, "growth.\xEF\xBF\xBD side");
}

TEST(RepairUtf8, ReplacesEncodedSurrogates) {
  std::string text = "a\xED\xA0\x80z";
  EXPECT_TRUE(repair_utf8(text));
  EXPECT_EQ(text.front(), 'a');
  EXPECT_EQ(text.back(), 'z');
  EXPECT_EQ(text.find("\xED\xA0\x80"), std::string::npos);
}

TEST(ControlBytes, BecomeSpacesButLineBreaksStay) {
  std::string text = "a\x03" "b\nc\td\x7f";
  EXPECT_TRUE(replace_control_bytes(text));
  EXPECT_EQ(text, "a b\nc\td ");
}

TEST(Latin1, ConvertsToUtf8) { EXPECT_EQ(latin1_to_utf8("M\xfcller"), "Müller"); }

TEST(XmlEntities, DecodesNamedAndNumericReferences) {
  EXPECT_EQ(decode_xml_entities("a &lt;b&gt; &amp; &#233;&#x41; &unknown; &#3;end"), "a <b> & éA &unknown; end");
}

}  // namespace
}  // namespace newsdex
