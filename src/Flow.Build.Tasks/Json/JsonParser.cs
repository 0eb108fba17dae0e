using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Flow.Build.Tasks.Json;

/// <summary>
/// A small strict JSON reader for manifests and lock files (the net472 task cannot use
/// System.Text.Json). Objects become ordinal dictionaries, arrays lists, numbers
/// <see cref="long"/> (manifests hold integers only), plus string, bool and null.
/// Malformed text throws <see cref="FormatException"/> with the offset.
/// </summary>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;

    private JsonParser(string text) => _text = text;

    public static object? Parse(string text)
    {
        var parser = new JsonParser(text);
        var value = parser.ReadValue(0);
        parser.SkipWhitespace();
        if (parser._position != text.Length)
        {
            throw parser.Error("unexpected text after the end of the document");
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nested too deeply");
        }

        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of text");
        }

        switch (_text[_position])
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return ReadString();
            case 't': ReadLiteral("true"); return true;
            case 'f': ReadLiteral("false"); return false;
            case 'n': ReadLiteral("null"); return null;
            default: return ReadNumber();
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _position++;
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return result;
        }

        do
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a property name");
            }

            var name = ReadString();
            SkipWhitespace();
            Expect(':');
            if (result.ContainsKey(name))
            {
                throw Error("duplicate property '" + name + "'");
            }

            result[name] = ReadValue(depth + 1);
            SkipWhitespace();
        }
        while (TryConsume(','));

        Expect('}');
        return result;
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _position++;
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return result;
        }

        do
        {
            result.Add(ReadValue(depth + 1));
            SkipWhitespace();
        }
        while (TryConsume(','));

        Expect(']');
        return result;
    }

    private string ReadString()
    {
        _position++;
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c < ' ')
            {
                throw Error("control character in a string");
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw Error("unterminated escape");
            }

            var escaped = _text[_position++];
            switch (escaped)
            {
                case '"': text.Append('"'); break;
                case '\\': text.Append('\\'); break;
                case '/': text.Append('/'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("invalid \\u escape");
                    }

                    text.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error("invalid escape '\\" + escaped + "'");
            }
        }
    }

    private long ReadNumber()
    {
        var start = _position;
        if (_position < _text.Length && _text[_position] == '-')
        {
            _position++;
        }

        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        var digits = _text.Substring(start, _position - start);
        if (_position < _text.Length && (_text[_position] == '.' || _text[_position] == 'e' || _text[_position] == 'E'))
        {
            throw Error("only integer numbers are expected");
        }

        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _position = start;
            throw Error("expected a value");
        }

        return value;
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("expected a value");
        }

        _position += literal.Length;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error("expected '" + c + "'");
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && (_text[_position] == ' ' || _text[_position] == '\t' || _text[_position] == '\n' || _text[_position] == '\r'))
        {
            _position++;
        }
    }

    private FormatException Error(string message) =>
        new(message + " at offset " + _position.ToString(CultureInfo.InvariantCulture));
}
