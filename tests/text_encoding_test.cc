#include "core/text_encoding.h"

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

TEST(DoubleEncoding, RepairsTextThatRoundTripsThroughWindows1252) {
  std::string pounds = "$20bn (\xC3\x82\xC2\xA3" "11bn)";  // "Â£11bn"
  EXPECT_TRUE(repair_double_encoding(pounds));
  EXPECT_EQ(pounds, "$20bn (\xC2\xA3" "11bn)");
  std::string quote = "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s";  // "itâ€™s": 0x80 and 0x99 of Windows-1252
  EXPECT_TRUE(repair_double_encoding(quote));
  EXPECT_EQ(quote, "it\xE2\x80\x99s");
  std::string twice = "\xC3\x83\xC2\x82\xC3\x82\xC2\xA3";  // "£" garbled twice
  EXPECT_TRUE(repair_double_encoding(twice));
  EXPECT_EQ(twice, "\xC2\xA3");
  std::string c1 = "\xC3\xA2\xC2\x80\xC2\x94";  // "—" read as Latin-1: U+0080 U+0094
  EXPECT_TRUE(repair_double_encoding(c1));
  EXPECT_EQ(c1, "\xE2\x80\x94");
}

TEST(DoubleEncoding, LeavesCorrectMixedAndAmbiguousTextAlone) {
  for (const std::string& text : {std::string("plain ASCII"), std::string("caf\xC3\xA9 \xC2\xA3" "5"),
                                  std::string("\xE5\x8C\x97\xE4\xBA\xAC"),  // 北京
                                  std::string("\xC3\x82\xC2\xA3" "5 and \xC2\xA3" "6"),  // "Â£5 and £6": mixed
                                  std::string("\xE2\x82\xAC" "5"), std::string("")}) {
    std::string copy = text;
    EXPECT_FALSE(repair_double_encoding(copy)) << text;
    EXPECT_EQ(copy, text);
  }
}

TEST(DoubleEncoding, IsSuspectedInTextThatMixesItWithCorrectText) {
  EXPECT_TRUE(looks_double_encoded("\xC3\x82\xC2\xA3" "5 and \xC2\xA3" "6"));                 // "Â£5 and £6"
  EXPECT_TRUE(looks_double_encoded("it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s \xE5\x8C\x97"));   // "itâ€™s 北"
  EXPECT_FALSE(looks_double_encoded("caf\xC3\xA9 \xC2\xA3" "5, S\xC3\xA3o Paulo, \xC3\x80 la carte"));
  EXPECT_FALSE(looks_double_encoded("plain"));
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
