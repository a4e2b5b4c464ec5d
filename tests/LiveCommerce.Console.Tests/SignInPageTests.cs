using Microsoft.Playwright;

namespace LiveCommerce.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task In_English_the_development_sign_in_form_has_labelled_platform_and_role_fields_and_a_sign_in_button()
    {
        var page = await fixture.Browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "console/?lang=en").ToString());

        await Assertions.Expect(page.GetByLabel("Platform")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Role")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "sign-in.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Chinese_is_the_default_language()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "console/").ToString());

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync();
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("document.documentElement.lang"));
        await Assertions.Expect(page.GetByLabel("平台")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "sign-in-zh.png"), FullPage = true });
    }
}
