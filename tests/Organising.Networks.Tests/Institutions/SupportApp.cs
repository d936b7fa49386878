using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Organising.Platform.Data;
using Organising.Platform.Identity;

namespace Organising.Networks.Tests.Institutions;

/// <summary>
/// The real app on a fresh SQLite file in its own data directory, with one signed-in-able account per role,
/// and helpers to arrange networks, people and institutions straight in the database.
/// </summary>
public sealed class SupportApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly Dictionary<string, Guid> _users = [];

    private SupportApp(string directory, WebApplicationFactory<Program> factory)
    {
        DataDirectory = directory;
        _factory = factory;
    }

    public string DataDirectory { get; }
    public string DatabasePath => Path.Combine(DataDirectory, "organising.db");

    public static async Task<SupportApp> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "organising-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Organising:DataDirectory", directory);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        var app = new SupportApp(directory, factory);
        _ = factory.Server;
        foreach (var role in Roles.All) app._users[role] = await app.CreateUserAsync($"{role.ToLowerInvariant()}@example.org", role);
        return app;
    }

    public Guid UserId(string role) => _users[role];

    public async Task<Guid> CreateUserAsync(string email, string role)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = $"{role} User", Role = role };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    public WebClient NewClient() => new(_factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost"),
    }));

    /// <summary>A browser signed in as the account made for <paramref name="role"/>.</summary>
    public async Task<WebClient> SignInAsync(string role)
    {
        var client = NewClient();
        var response = await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = $"{role.ToLowerInvariant()}@example.org", ["Input.Password"] = Password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {role} failed: {response.StatusCode}");
        return client;
    }

    /// <summary>Rows written here bypass the app, so its cached read results are dropped, as a commit would.</summary>
    public SqliteConnection OpenDatabase()
    {
        _factory.Services.GetRequiredService<ReadCache>().Changed();
        var connection = new SqliteConnection(SqliteConnectionFactory.BuildConnectionString(DatabasePath));
        connection.Open();
        return connection;
    }

    public async Task<Guid> AddNetworkAsync(string name, string kind = "place", bool archived = false)
    {
        var id = Guid.CreateVersion7();
        await using var db = OpenDatabase();
        await db.ExecuteAsync("INSERT INTO networks_network (id, name, kind, created_at, archived_at) VALUES (@id, @name, @kind, @now, @archived)",
            new { id = id.ToString(), name, kind, now = Now, archived = archived ? Now : null });
        return id;
    }

    /// <summary>A person in the given networks; <paramref name="createdBy"/> decides which Volunteer sees them.</summary>
    public async Task<Guid> AddPersonAsync(string fullName, Guid[]? networks = null, string[]? roles = null, string? language = null,
        bool newToInvolvement = false, Guid? createdBy = null, bool erased = false)
    {
        var id = Guid.CreateVersion7();
        await using var db = OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO networks_person (id, full_name, preferred_language, new_to_involvement, search_text, created_at, created_by, updated_at, erased_at)
            VALUES (@id, @fullName, @language, @isNew, @search, @now, @createdBy, @now, @erased)
            """, new { id = id.ToString(), fullName, language, isNew = newToInvolvement ? 1 : 0, search = fullName.ToLowerInvariant(), now = Now, createdBy = createdBy?.ToString(), erased = erased ? Now : null });
        foreach (var network in networks ?? [])
            await db.ExecuteAsync("INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @network)", new { id = id.ToString(), network = network.ToString() });
        foreach (var role in roles ?? [])
            await db.ExecuteAsync("INSERT INTO networks_person_role (person_id, role) VALUES (@id, @role)", new { id = id.ToString(), role });
        return id;
    }

    public async Task AddConsentAsync(Guid personId, string purpose, string state, string occurredOn, string? recordedAt = null)
    {
        await using var db = OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO networks_consent (id, person_id, purpose, state, wording, occurred_on, channel, recorded_at)
            VALUES (@id, @personId, @purpose, @state, 'May we contact you?', @occurredOn, 'paper', @recordedAt)
            """, new { id = Guid.CreateVersion7().ToString(), personId = personId.ToString(), purpose, state, occurredOn, recordedAt = recordedAt ?? Now });
    }

    public async Task<Guid> AddInstitutionAsync(string name, string type = "faith", string membership = "member", Guid[]? networks = null,
        string? postcode = null, Guid? mainContact = null, bool archived = false)
    {
        var id = Guid.CreateVersion7();
        await using var db = OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO networks_institution (id, name, type, membership, postcode, main_contact_id, created_at, archived_at)
            VALUES (@id, @name, @type, @membership, @postcode, @mainContact, @now, @archived)
            """, new { id = id.ToString(), name, type, membership, postcode, mainContact = mainContact?.ToString(), now = Now, archived = archived ? Now : null });
        foreach (var network in networks ?? [])
            await db.ExecuteAsync("INSERT INTO networks_institution_network (institution_id, network_id) VALUES (@id, @network)", new { id = id.ToString(), network = network.ToString() });
        return id;
    }

    public async Task AffiliateAsync(Guid personId, Guid institutionId, string role = "member")
    {
        await using var db = OpenDatabase();
        await db.ExecuteAsync("INSERT INTO networks_affiliation (person_id, institution_id, role) VALUES (@p, @i, @role)",
            new { p = personId.ToString(), i = institutionId.ToString(), role });
    }

    private static string Now => DapperTypeHandlers.ToDbText(DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>An HttpClient that keeps cookies, does not follow redirects, and can fill in and post a page's form.</summary>
public sealed class WebClient(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<WebPage> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return await WebPage.ReadAsync(response, Parser);
    }

    /// <summary>GETs the page, takes its form (the first POST form in main, or <paramref name="formSelector"/>), overrides the given
    /// fields (a null value removes one) and posts it, to <paramref name="handler"/> when given.</summary>
    public async Task<WebPage> SubmitAsync(string url, Dictionary<string, string?>? values = null, string? formSelector = null, string? handler = null,
        IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var page = await GetAsync(url);
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)page.StatusCode}.");
        return await page.SubmitAsync(this, values, formSelector, handler, extra);
    }

    public async Task<WebPage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Client.PostAsync(url, content);
        return await WebPage.ReadAsync(response, Parser);
    }

    public void Dispose() => Client.Dispose();
}

public sealed class WebPage
{
    private IHtmlDocument? _document;
    private HtmlParser _parser = null!;

    public HttpStatusCode StatusCode { get; private init; }
    public string Body { get; private init; } = "";
    public string? ContentType { get; private init; }
    public string? ContentDisposition { get; private init; }
    public string? Location { get; private init; }
    public Uri? RequestUri { get; private init; }

    public IHtmlDocument Document => _document ??= _parser.ParseDocument(Body);

    public string? Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim();

    public string? FieldError(string fieldName) => Text($"#{fieldName.Replace('.', '_')}-error");

    /// <summary>Every message on the page, for assertion failures: "Input_Name-error: Enter…".</summary>
    public string Errors => string.Join(" | ", Document.QuerySelectorAll(".invalid-feedback, .alert-danger").Select(e => $"{e.Id}: {e.TextContent.Trim()}"));

    public static async Task<WebPage> ReadAsync(HttpResponseMessage message, HtmlParser parser)
    {
        var location = message.Headers.Location;
        return new WebPage
        {
            _parser = parser,
            StatusCode = message.StatusCode,
            Body = await message.Content.ReadAsStringAsync(),
            ContentType = message.Content.Headers.ContentType?.ToString(),
            ContentDisposition = message.Content.Headers.ContentDisposition?.ToString(),
            Location = location is null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString,
            RequestUri = message.RequestMessage?.RequestUri,
        };
    }

    /// <summary><paramref name="extra"/> adds fields as they are, e.g. a second ticked checkbox of the same name.</summary>
    public async Task<WebPage> SubmitAsync(WebClient client, Dictionary<string, string?>? values = null, string? formSelector = null, string? handler = null,
        IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var form = (formSelector is null
            ? Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
            : Document.QuerySelector(formSelector) as IHtmlFormElement) ?? throw new InvalidOperationException($"No form on {RequestUri}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button":
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
        foreach (var (name, value) in values ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null) fields.Add(new(name, value));
        }
        fields.AddRange(extra ?? []);
        var action = form.GetAttribute("action");
        if (string.IsNullOrEmpty(action)) action = RequestUri!.PathAndQuery;
        if (handler is not null) action = $"{action.Split('?')[0]}?handler={handler}";
        return await client.PostAsync(action, fields);
    }
}
