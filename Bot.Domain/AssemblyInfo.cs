using System.Resources;

// Chinese is the department's language: the neutral resources are zh-CN, English is a satellite.
[assembly: NeutralResourcesLanguage("zh-CN")]
