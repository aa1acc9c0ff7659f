using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Crd.StandIns.Helm;

/// <summary>
/// helm's <c>--set</c> syntax (helm.sh/helm/v3/pkg/strvals, used by the provider for
/// <c>set</c>, <c>set_list</c> and <c>set_sensitive</c>): <c>a.b.c=v</c>, <c>a\.b=v</c> (escaped
/// dot), <c>list[0]=v</c>, <c>list[0].x=v</c>, <c>k={a,b}</c> (a list), several assignments
/// separated by commas. Values are typed unless string-only: <c>true</c>/<c>false</c> (any case)
/// become bools, <c>null</c> null, integers not starting with 0 numbers.
/// </summary>
internal sealed class Strvals
{
    private readonly string _text;
    private readonly bool _stringsOnly;
    private int _position;

    private Strvals(string text, bool stringsOnly)
    {
        _text = text;
        _stringsOnly = stringsOnly;
    }

    private enum Outcome
    {
        Ok,
        End,
        NotList,
        Failed,
    }

    private string? Error { get; set; }

    /// <summary>Applies <paramref name="assignment"/> to <paramref name="values"/>; returns an error message or null.</summary>
    public static string? ParseInto(string assignment, JsonObject values, bool stringsOnly)
    {
        var parser = new Strvals(assignment, stringsOnly);
        while (true)
        {
            switch (parser.Key(values))
            {
                case Outcome.Ok:
                    continue;
                case Outcome.End:
                    return null;
                default:
                    return parser.Error ?? "parse error";
            }
        }
    }

    private Outcome Fail(string message)
    {
        Error = message;
        return Outcome.Failed;
    }

    private Outcome Key(JsonObject data)
    {
        var (key, last, end) = RunesUntil("=[,.");
        if (end)
        {
            return key.Length == 0 ? Outcome.End : Fail($"key \"{key}\" has no value");
        }

        switch (last)
        {
            case '[':
            {
                if (KeyIndex(out var index) is var o && o != Outcome.Ok)
                {
                    return o;
                }

                var list = data[key] as JsonArray ?? [];
                var outcome = ListItem(list, index);
                data[key] = Detach(list);
                return outcome;
            }

            case '=':
            {
                var (items, outcome) = ValueList();
                switch (outcome)
                {
                    case Outcome.Ok:
                        data[key] = items;
                        return Outcome.Ok;
                    case Outcome.End:
                        data[key] = "";
                        return Outcome.End;
                    case Outcome.NotList:
                        var (value, _, atEnd) = RunesUntil(",");
                        data[key] = Typed(value);
                        return atEnd ? Outcome.End : Outcome.Ok;
                    default:
                        return outcome;
                }
            }

            case ',':
                data[key] = "";
                return Fail($"key \"{key}\" has no value (cannot end with ,)");

            default:
            {
                var inner = data[key] as JsonObject ?? [];
                var outcome = Key(inner);
                if (outcome == Outcome.Ok && inner.Count == 0)
                {
                    return Fail($"key map \"{key}\" has no value");
                }

                if (inner.Count != 0)
                {
                    data[key] = Detach(inner);
                }

                return outcome;
            }
        }
    }

    private Outcome ListItem(JsonArray list, int index)
    {
        var (rest, last, end) = RunesUntil("[.=");
        if (rest.Length > 0)
        {
            return Fail($"unexpected data at end of array index: \"{rest}\"");
        }

        if (end)
        {
            return Fail("unexpected end of input after array index");
        }

        switch (last)
        {
            case '=':
            {
                var (items, outcome) = ValueList();
                switch (outcome)
                {
                    case Outcome.Ok:
                        SetIndex(list, index, items);
                        return Outcome.Ok;
                    case Outcome.End:
                        SetIndex(list, index, "");
                        return Outcome.End;
                    case Outcome.NotList:
                        var (value, _, atEnd) = RunesUntil(",");
                        SetIndex(list, index, Typed(value));
                        return atEnd ? Outcome.End : Outcome.Ok;
                    default:
                        return outcome;
                }
            }

            case '[':
            {
                if (KeyIndex(out var next) is var o && o != Outcome.Ok)
                {
                    return o;
                }

                var inner = index < list.Count && list[index] is JsonArray existing ? existing : [];
                var outcome = ListItem(inner, next);
                SetIndex(list, index, Detach(inner));
                return outcome;
            }

            default:
            {
                var inner = index < list.Count && list[index] is JsonObject existing ? existing : [];
                var outcome = Key(inner);
                SetIndex(list, index, Detach(inner));
                return outcome;
            }
        }
    }

    private Outcome KeyIndex(out int index)
    {
        index = 0;
        var (digits, _, end) = RunesUntil("]");
        if (end)
        {
            return Fail("unterminated array index: expected ']'");
        }

        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index))
        {
            return Fail($"invalid array index \"{digits}\"");
        }

        return index < 0 ? Fail($"negative {index} index not allowed") : Outcome.Ok;
    }

    private (JsonArray Items, Outcome Outcome) ValueList()
    {
        if (_position >= _text.Length)
        {
            return ([], Outcome.End);
        }

        if (_text[_position] != '{')
        {
            return ([], Outcome.NotList);
        }

        _position++;
        var items = new JsonArray();
        while (true)
        {
            var (item, last, end) = RunesUntil(",}");
            if (end)
            {
                return (items, Fail("list must terminate with '}'"));
            }

            items.Add(Typed(item));
            if (last == '}')
            {
                if (_position < _text.Length && _text[_position] == ',')
                {
                    _position++;
                }

                return (items, Outcome.Ok);
            }
        }
    }

    // Reads up to (and consuming) one of the stop characters; a backslash takes the next
    // character literally. End is true when the input ran out first.
    private (string Text, char Last, bool End) RunesUntil(string stop)
    {
        var text = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (stop.Contains(c, StringComparison.Ordinal))
            {
                return (text.ToString(), c, false);
            }

            if (c == '\\')
            {
                if (_position >= _text.Length)
                {
                    return (text.ToString(), '\0', true);
                }

                c = _text[_position++];
            }

            text.Append(c);
        }

        return (text.ToString(), '\0', true);
    }

    private JsonNode? Typed(string value)
    {
        if (_stringsOnly)
        {
            return value;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value == "0")
        {
            return 0L;
        }

        return value.Length > 0 && value[0] != '0' && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : value;
    }

    private static void SetIndex(JsonArray list, int index, JsonNode? value)
    {
        while (list.Count <= index)
        {
            list.Add(null);
        }

        list[index] = value;
    }

    // A JsonNode has one parent: take it out of its old place before storing it again.
    private static JsonNode Detach(JsonNode node)
    {
        if (node.Parent is JsonObject parentObject)
        {
            parentObject.Remove(node.GetPropertyName());
        }
        else if (node.Parent is JsonArray parentArray)
        {
            parentArray[node.GetElementIndex()] = null;
        }

        return node;
    }
}
