using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using System.Text.Encodings.Web;

namespace Organising.Platform.Web;

/// <summary>
/// One accessible form field: label, control, hint and the server's message beside it, linked with
/// aria-describedby and aria-invalid. No maxlength: over-long input is refused with a message, not cut.
/// Usage: &lt;field for="Input.Email" label="E-mail" type="email" hint="..." /&gt;
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")] public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = null!;
    public string Label { get; set; } = "";
    public string Type { get; set; } = "text";
    public string? Hint { get; set; }
    public string? Autocomplete { get; set; }
    public bool Required { get; set; }
    public int Rows { get; set; } = 4;
    [HtmlAttributeName("items")] public IEnumerable<SelectListItem>? Items { get; set; }

    [HtmlAttributeNotBound, ViewContext] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        var attempted = entry?.AttemptedValue;
        var value = attempted ?? FormatValue(For.Model);
        var describedBy = new List<string>();
        if (Hint is not null) describedBy.Add(id + "-hint");
        if (errors.Count > 0) describedBy.Add(id + "-error");

        string E(string? s) => encoder.Encode(s ?? "");
        var common = $"id=\"{id}\" name=\"{E(name)}\""
            + (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "")
            + (errors.Count > 0 ? " aria-invalid=\"true\"" : "")
            + (Required ? " required aria-required=\"true\"" : "")
            + (Autocomplete is not null ? $" autocomplete=\"{E(Autocomplete)}\"" : "");
        var invalid = errors.Count > 0 ? " is-invalid" : "";

        string control;
        if (Items is not null)
        {
            var options = string.Concat(Items.Select(i =>
                $"<option value=\"{E(i.Value)}\"{(string.Equals(i.Value, value, StringComparison.Ordinal) || (value is null && i.Selected) ? " selected" : "")}>{E(i.Text)}</option>"));
            control = $"<select class=\"form-select{invalid}\" {common}>{options}</select>";
        }
        else if (Type == "textarea")
        {
            control = $"<textarea class=\"form-control{invalid}\" rows=\"{Rows}\" {common}>{E(value)}</textarea>";
        }
        else if (Type == "checkbox")
        {
            var isChecked = For.Model is true || string.Equals(attempted, "true", StringComparison.OrdinalIgnoreCase);
            output.TagName = "div";
            output.TagMode = TagMode.StartTagAndEndTag;
            output.Attributes.SetAttribute("class", "mb-3 form-check");
            output.Content.SetHtmlContent(
                $"<input type=\"checkbox\" class=\"form-check-input{invalid}\" value=\"true\" {common}{(isChecked ? " checked" : "")} />"
                + $"<input type=\"hidden\" name=\"{E(name)}\" value=\"false\" />"
                + $"<label class=\"form-check-label\" for=\"{id}\">{E(Label)}</label>"
                + Messages(id, errors, E));
            return;
        }
        else
        {
            // Never echo a password back into the page.
            var valueAttribute = Type == "password" ? "" : $" value=\"{E(value)}\"";
            control = $"<input type=\"{E(Type)}\" class=\"form-control{invalid}\" {common}{valueAttribute} />";
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "mb-3");
        output.Content.SetHtmlContent(
            $"<label class=\"form-label\" for=\"{id}\">{E(Label)}{(Required ? "" : " <span class=\"fw-normal text-body-secondary\">(optional)</span>")}</label>"
            + control + Messages(id, errors, E));
    }

    private string Messages(string id, IReadOnlyList<string> errors, Func<string?, string> e) =>
        (Hint is not null ? $"<div id=\"{id}-hint\" class=\"field-hint\">{e(Hint)}</div>" : "")
        + (errors.Count > 0 ? $"<div id=\"{id}-error\" class=\"invalid-feedback d-block\">{string.Join("<br />", errors.Select(e))}</div>" : "");

    private static string? FormatValue(object? model) => model switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}

/// <summary>The form's messages that belong to no single field, announced to screen readers.</summary>
[HtmlTargetElement("form-errors", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormErrorsTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeNotBound, ViewContext] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ModelState.TryGetValue("", out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        var fieldErrorCount = ViewContext.ModelState.Where(kv => kv.Key != "").Sum(kv => kv.Value?.Errors.Count ?? 0);
        if (errors.Count == 0 && fieldErrorCount == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "alert alert-danger");
        output.Attributes.SetAttribute("role", "alert");
        var lines = errors.Select(e => $"<li>{encoder.Encode(e)}</li>").ToList();
        if (fieldErrorCount > 0) lines.Add($"<li>Please correct the {(fieldErrorCount == 1 ? "field" : "fields")} marked below.</li>");
        output.Content.SetHtmlContent(new HtmlString($"<ul class=\"mb-0\">{string.Concat(lines)}</ul>"));
    }
}
