using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Organising.Testing;

/// <summary>
/// An HttpClient that keeps cookies and does not follow redirects, with the one thing a test
/// needs most: fill in a page's form (its hidden antiforgery token included) and post it.
/// </summary>
public sealed class Browser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<PageResponse> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return await PageResponse.ReadAsync(response);
    }

    /// <summary>GETs the page at <paramref name="url"/>, expecting 200 (a test arranging things needs the page).</summary>
    public async Task<PageResponse> GetPageAsync(string url)
    {
        var page = await GetAsync(url);
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)page.StatusCode} (Location {page.Location}).");
        return page;
    }

    /// <summary>
    /// GETs <paramref name="url"/>, takes its form (the first POST form inside main, or the one
    /// <paramref name="formSelector"/> picks), keeps every field's current value, overrides those given,
    /// and posts it to the form's action (with <paramref name="handler"/> in place of its query, as a second
    /// submit button would). A null override removes the field; <paramref name="extra"/> fields are added as they are,
    /// e.g. a second ticked checkbox of the same name.
    /// </summary>
    public async Task<PageResponse> SubmitAsync(string url, Dictionary<string, string?>? values = null, string? formSelector = null,
        string? handler = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var page = await GetPageAsync(url);
        return await page.SubmitAsync(this, values, formSelector, handler, extra);
    }

    /// <summary>Posts exactly these fields (duplicates allowed), as urlencoded form data.</summary>
    public async Task<PageResponse> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Client.PostAsync(url, content);
        return await PageResponse.ReadAsync(response);
    }

    /// <summary>Follows one redirect with a GET.</summary>
    public async Task<PageResponse> FollowAsync(PageResponse response)
    {
        if (response.Location is null) throw new InvalidOperationException($"Not a redirect: {(int)response.StatusCode}.");
        return await GetAsync(response.Location);
    }

    internal static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public void Dispose() => Client.Dispose();
}

public sealed class PageResponse
{
    private IHtmlDocument? _document;

    private PageResponse(HttpStatusCode statusCode, string body, HttpResponseMessage message)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = message.Headers.Concat(message.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        ContentType = message.Content.Headers.ContentType?.ToString();
        RawBytes = [];
        var location = message.Headers.Location;
        // Keep local redirects as path-and-query, whether the server sent them absolute or not.
        Location = location is null ? null
            : location.IsAbsoluteUri && location.Host == "localhost" ? location.PathAndQuery
            : location.OriginalString;
        RequestUri = message.RequestMessage?.RequestUri;
    }

    public HttpStatusCode StatusCode { get; }
    public string Body { get; }
    public byte[] RawBytes { get; private init; }
    public IReadOnlyDictionary<string, string> Headers { get; }
    public string? ContentType { get; }
    public string? Location { get; }
    public Uri? RequestUri { get; }

    /// <summary>The redirect's path without its query string.</summary>
    public string? LocationPath => Location?.Split('?')[0];

    public IHtmlDocument Document => _document ??= Browser.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The text of the first element matching <paramref name="selector"/>, trimmed; null when there is none.</summary>
    public string? Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim();

    public IReadOnlyList<string> Texts(string selector) => Document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The message shown beside a field, e.g. FieldError("Input.Email"); null when the field has none.</summary>
    public string? FieldError(string fieldName) => Text($"#{fieldName.Replace('.', '_')}-error");

    /// <summary>The form-level messages (the red box at the top of a form).</summary>
    public string? FormError => Text(".alert-danger");

    /// <summary>Every message on the page, for assertion failures: "Input_Name-error: Enter…".</summary>
    public string Errors => string.Join(" | ", Document.QuerySelectorAll(".invalid-feedback, .alert-danger").Select(e => $"{e.Id}: {e.TextContent.Trim()}"));

    public static async Task<PageResponse> ReadAsync(HttpResponseMessage message)
    {
        var bytes = await message.Content.ReadAsByteArrayAsync();
        var body = System.Text.Encoding.UTF8.GetString(bytes);
        return new PageResponse(message.StatusCode, body, message) { RawBytes = bytes };
    }

    public IHtmlFormElement Form(string? selector = null)
    {
        var form = selector is null
            ? Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
            : Document.QuerySelector(selector) as IHtmlFormElement;
        return form ?? throw new InvalidOperationException($"No form {selector ?? "main form[method=post]"} on {RequestUri}.");
    }

    /// <summary>Every field the form would send as it stands: inputs, selected options, textareas.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "image" or "reset":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    if (option is not null) fields.Add(new(name, option.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }
        return fields;
    }

    /// <summary>Where the form posts: its action, else the page's own address.</summary>
    public string ActionOf(IHtmlFormElement form)
    {
        var action = form.GetAttribute("action");
        if (string.IsNullOrEmpty(action)) return RequestUri?.PathAndQuery ?? throw new InvalidOperationException("No action and no request address.");
        return action;
    }

    public async Task<PageResponse> SubmitAsync(Browser browser, Dictionary<string, string?>? values = null, string? formSelector = null,
        string? handler = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var form = Form(formSelector);
        var fields = FieldsOf(form);
        foreach (var (name, value) in values ?? [])
        {
            var index = fields.FindIndex(f => f.Key == name);
            if (index >= 0) fields.RemoveAll(f => f.Key == name);
            if (value is not null) fields.Insert(index >= 0 ? index : fields.Count, new(name, value));
        }
        fields.AddRange(extra ?? []);
        var action = ActionOf(form);
        if (handler is not null) action = $"{action.Split('?')[0]}?handler={handler}";
        return await browser.PostAsync(action, fields);
    }
}
