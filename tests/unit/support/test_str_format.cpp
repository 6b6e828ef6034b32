// str.format parsing and driving against CPython 3.11: a small resolver over int/str arguments
// stands in for the VM; expected text and errors come from python3 with the same arguments,
// '{}'.format(42, 'abc', '日本', name='Bob', n=7).
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "support/format_spec.h"
#include "support/number_format.h"
#include "support/str_format.h"
#include "support/str_repr.h"
#include "support/utf8.h"

using namespace std::literals;
using namespace interleave::support;

namespace {

using Value = std::variant<std::int64_t, std::string>;

class TestResolver final : public FormatResolver {
 public:
  std::vector<Value> args{std::int64_t{42}, "abc"s, "\xe6\x97\xa5\xe6\x9c\xac"s};
  std::map<std::string, Value, std::less<>> kwargs{{"name", "Bob"s}, {"n", std::int64_t{7}}};
  std::vector<Value> stack;  // looked-up values waiting for render()
  std::string last_exception;

  Result<Unit> lookup(const FieldName& name) override {
    Value v;
    if (name.index >= 0) {
      if (name.index >= static_cast<std::int64_t>(args.size())) {
        return Error{ErrorKind::IndexError, "Replacement index " + std::to_string(name.index) +
                                                " out of range for positional args tuple"};
      }
      v = args[static_cast<std::size_t>(name.index)];
    } else {
      auto it = kwargs.find(name.first);
      if (it == kwargs.end()) return Error{ErrorKind::KeyError, str_repr(name.first)};
      v = it->second;
    }
    FieldNameIterator rest(name.rest);
    FieldAccess access;
    for (;;) {
      Result<bool> more = rest.next(access);
      if (!more) return more.take_error();
      if (!*more) break;
      const auto* s = std::get_if<std::string>(&v);
      if (access.is_attribute) {
        last_exception = "'" + std::string(s ? "str" : "int") + "' object has no attribute '" +
                         std::string(access.name) + "'";
        return Error{ErrorKind::Propagate, {}};
      }
      if (s == nullptr) return Error{ErrorKind::TypeError, "'int' object is not subscriptable"};
      v = std::string(utf8_at(*s, static_cast<std::size_t>(access.index)));
    }
    stack.push_back(std::move(v));
    return Unit{};
  }

  Result<Unit> convert(char32_t conversion) override {
    Value& v = stack.back();
    std::string text = std::holds_alternative<std::int64_t>(v) ? int_repr(std::get<std::int64_t>(v))
                                                               : std::get<std::string>(v);
    if (std::holds_alternative<std::string>(v)) {
      if (conversion == 'r') text = str_repr(text);
      if (conversion == 'a') text = str_ascii(text);
    }
    v = text;
    return Unit{};
  }

  Result<Unit> render(std::string_view spec, std::string& out) override {
    Value v = std::move(stack.back());
    stack.pop_back();
    Result<std::string> r = std::holds_alternative<std::int64_t>(v)
                                ? format_int(std::get<std::int64_t>(v), spec)
                                : format_str(std::get<std::string>(v), spec);
    if (!r) return r.take_error();
    out += *r;
    return Unit{};
  }
};

struct Case {
  std::string_view format;
  std::optional<ErrorKind> error;
  std::string_view expected;
};

}  // namespace

TEST_CASE("str.format matches CPython") {
  const Case cases[] = {
      {"{}"sv, std::nullopt, "42"sv},
      {"{} {}"sv, std::nullopt, "42 abc"sv},
      {"{0}{0}"sv, std::nullopt, "4242"sv},
      {"{1!r}"sv, std::nullopt, "'abc'"sv},
      {"{2!r:>8}"sv, std::nullopt,
       "    '\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "'"sv},
      {"{name}"sv, std::nullopt, "Bob"sv},
      {"{name!r}"sv, std::nullopt, "'Bob'"sv},
      {"{n:05}"sv, std::nullopt, "00007"sv},
      {"{0:x}"sv, std::nullopt, "2a"sv},
      {"{:{}}"sv, ErrorKind::ValueError,
       "Invalid format specifier 'abc' for object of type 'int'"sv},
      {"{:>{}}"sv, ErrorKind::ValueError,
       "Invalid format specifier '>abc' for object of type 'int'"sv},
      {"{0:{1}}"sv, ErrorKind::ValueError,
       "Invalid format specifier 'abc' for object of type 'int'"sv},
      {"{{}}"sv, std::nullopt, "{}"sv},
      {"{{{0}}}"sv, std::nullopt, "{42}"sv},
      {"a}}b{{c"sv, std::nullopt, "a}b{c"sv},
      {"{1[0]}"sv, std::nullopt, "a"sv},
      {"{1[2]}"sv, std::nullopt, "c"sv},
      {"{name[1]}"sv, std::nullopt, "o"sv},
      {"{0:{n}d}"sv, std::nullopt, "     42"sv},
      {"{:{:{}}}"sv, ErrorKind::ValueError, "Max string recursion exceeded"sv},
      {"{"sv, ErrorKind::ValueError, "Single '{' encountered in format string"sv},
      {"}"sv, ErrorKind::ValueError, "Single '}' encountered in format string"sv},
      {"{0"sv, ErrorKind::ValueError, "expected '}' before end of string"sv},
      {"{0!}"sv, ErrorKind::ValueError, "unmatched '{' in format spec"sv},
      {"{0!r"sv, ErrorKind::ValueError, "unmatched '{' in format spec"sv},
      {"{0!rx}"sv, ErrorKind::ValueError, "expected ':' after conversion specifier"sv},
      {"{0!x}"sv, ErrorKind::ValueError, "Unknown conversion specifier x"sv},
      {"{}{1}"sv, ErrorKind::ValueError,
       "cannot switch from automatic field numbering to manual field specification"sv},
      {"{1}{}"sv, ErrorKind::ValueError,
       "cannot switch from manual field specification to automatic field numbering"sv},
      {"{5}"sv, ErrorKind::IndexError,
       "Replacement index 5 out of range for positional args tuple"sv},
      {"{missing}"sv, ErrorKind::KeyError, "'missing'"sv},
      {"{a{"sv, ErrorKind::ValueError, "unexpected '{' in field name"sv},
      {"{0[}"sv, ErrorKind::ValueError, "expected '}' before end of string"sv},
      {"{0]}"sv, ErrorKind::KeyError, "'0]'"sv},
      {"{0.}"sv, ErrorKind::ValueError, "Empty attribute in format string"sv},
      {"{0[]}"sv, ErrorKind::ValueError, "Empty attribute in format string"sv},
      {"{0[0]x}"sv, ErrorKind::TypeError, "'int' object is not subscriptable"sv},
      {"{0:{1:{2}}}"sv, ErrorKind::ValueError, "Max string recursion exceeded"sv},
      {"{:^{}.{}}"sv, ErrorKind::ValueError,
       "Invalid format specifier '^abc.\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "' for object of type 'int'"sv},
      {"{!s:5}|"sv, std::nullopt, "42   |"sv},
      {"{!a}"sv, std::nullopt, "42"sv},
      {""sv, std::nullopt, ""sv},
      {"no fields"sv, std::nullopt, "no fields"sv},
      {"{{"sv, std::nullopt, "{"sv},
      {"}}"sv, std::nullopt, "}"sv},
      {"{0[0][1]}"sv, ErrorKind::TypeError, "'int' object is not subscriptable"sv},
      {"{1[0].x}"sv, ErrorKind::Propagate, "'str' object has no attribute 'x'"sv},
      {"{0:,}"sv, std::nullopt, "42"sv},
      {"{2:*^7}"sv, std::nullopt,
       "**\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "***"sv},
      {"{:}"sv, std::nullopt, "42"sv},
      {"{0!s}"sv, std::nullopt, "42"sv},
      {"{0:}"sv, std::nullopt, "42"sv},
      {"x{}y{}z"sv, std::nullopt, "x42yabcz"sv},
  };
  for (const Case& c : cases) {
    CAPTURE(c.format);
    TestResolver resolver;
    Result<std::string> r = str_format(c.format, resolver);
    REQUIRE(r.ok() == !c.error.has_value());
    if (c.error) {
      CHECK(r.error().kind == *c.error);
      if (*c.error == ErrorKind::Propagate) {
        CHECK(resolver.last_exception == c.expected);
      } else {
        CHECK(r.error().message == c.expected);
      }
    } else {
      CHECK(r.value() == c.expected);
    }
  }
}

TEST_CASE("FormatStringIterator splits literals and fields") {
  FormatStringIterator it("a{{b{0.x[1]!r:>{w}}c}}");
  FormatPiece p;
  auto next = [&] {
    Result<bool> r = it.next(p);
    REQUIRE(r.ok());
    return *r;
  };
  REQUIRE(next());
  CHECK(p.literal == "a{");
  CHECK_FALSE(p.has_field);
  REQUIRE(next());
  CHECK(p.literal == "b");
  REQUIRE(p.has_field);
  CHECK(p.field_name == "0.x[1]");
  CHECK(p.conversion == U'r');
  CHECK(p.format_spec == ">{w}");
  CHECK(p.spec_needs_expanding);
  REQUIRE(next());
  CHECK(p.literal == "c}");
  CHECK_FALSE(p.has_field);
  CHECK_FALSE(next());
}

TEST_CASE("split_field_name numbers fields and walks accessors") {
  AutoNumber an;
  auto a = split_field_name("", an);
  REQUIRE(a.ok());
  CHECK(a->index == 0);
  auto b = split_field_name("[k].attr", an);
  REQUIRE(b.ok());
  CHECK(b->index == 1);
  CHECK(b->first.empty());
  CHECK(b->rest == "[k].attr");
  FieldNameIterator it(b->rest);
  FieldAccess acc;
  REQUIRE(*it.next(acc));
  CHECK_FALSE(acc.is_attribute);
  CHECK(acc.name == "k");
  CHECK(acc.index == -1);
  REQUIRE(*it.next(acc));
  CHECK(acc.is_attribute);
  CHECK(acc.name == "attr");
  CHECK_FALSE(*it.next(acc));
  auto kw = split_field_name("name[3]", an);
  REQUIRE(kw.ok());
  CHECK(kw->index == -1);  // keyword fields leave the numbering alone
  CHECK(kw->first == "name");
  FieldNameIterator idx(kw->rest);
  REQUIRE(*idx.next(acc));
  CHECK(acc.index == 3);
  auto manual = split_field_name("2", an);
  REQUIRE_FALSE(manual.ok());
  CHECK(manual.error().message ==
        "cannot switch from automatic field numbering to manual field specification");
  FieldNameIterator bad("[0]x");
  REQUIRE(*bad.next(acc));
  CHECK(bad.next(acc).error().message ==
        "Only '.' or '[' may follow ']' in format field specifier");
  FieldNameIterator open("[0");
  CHECK(open.next(acc).error().message == "Missing ']' in format string");
  CHECK(check_conversion(U's').ok());
  CHECK(check_conversion(0).ok());
  CHECK(check_conversion(U'\x01').error().message == "Unknown conversion specifier \\x1");
}

TEST_CASE("str_format_to appends") {
  TestResolver resolver;
  std::string out = "> ";
  REQUIRE(str_format_to(out, "{name}={n}", resolver).ok());
  CHECK(out == "> Bob=7");
}
