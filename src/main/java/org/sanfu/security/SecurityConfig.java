package org.sanfu.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanfu.Message;
import org.sanfu.web.BodySizeLimitProperties;
import org.sanfu.web.ErrorPages;
import org.sanfu.web.Messages;
import org.sanfu.web.ProblemType;
import org.sanfu.web.Problems;
import org.sanfu.web.Text;
import org.sanfu.web.UploadLimits;
import org.sanfu.web.Utf8Forms;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP Basic for everything under /api; the workbench's pages sign in with a form and a session. Role checks that do not depend on a particular record sit
 * here, so that they answer 403 before a body is read; checks on a record (a ticket's department,
 * an action's owner) are made by the feature after it found the record, so 404 comes before 403.
 * The operators' endpoints sit here too: health is open, the API documents need a sign-in, and
 * the other actuator endpoints, Camunda's web apps and its engine REST API are for ADMIN only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig implements WebMvcConfigurer {

    /** Whether a request's authentication is someone signed in (neither none nor anonymous). */
    private static final AuthenticationTrustResolver SIGN_INS = new AuthenticationTrustResolverImpl();

    /** Every role of an account (security.Role): whoever signs in as a person, never a channel. */
    private static final String[] PEOPLE = java.util.Arrays.stream(Role.values()).map(Role::name)
            .toArray(String[]::new);

    static {
        // The Caller is resolved from the signed-in user (below): it is no parameter of the API's documents.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(MachineClient.class);
    }

    /**
     * 401 asking for HTTP Basic, as problem+json in the API's language (web.Languages); 429 with
     * Retry-After (seconds) while the account or address is locked after too many failures (SignInAttempts).
     */
    private static AuthenticationEntryPoint signIn(Problems problems) {
        return (request, response, e) -> {
            if (e instanceof SignInLocked locked) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(locked.retryAfterSeconds()));
                problems.write(request, response, ProblemType.SIGN_IN_LOCKED, HttpStatus.TOO_MANY_REQUESTS,
                        Message.of("sanfu.security.locked", "minutes", locked.minutes()));
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"sanfu\", charset=\"UTF-8\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, Message.of("sanfu.security.sign-in"));
        };
    }

    /**
     * 401 on the channels' endpoints: for a request whose X-Channel-Key is no live key (wrong, blank or revoked),
     * {@code sanfu.security.channel-key} says so; for one with no credentials at all, {@code
     * sanfu.security.channel-key-missing} names the header to send. Never "sign in with HTTP Basic", which a
     * channel's machine cannot do. A 401 must carry a challenge (RFC 9110 15.5.2, formerly RFC 7235 3.1): this one
     * names the key's header as its scheme and invites no Basic.
     */
    private static AuthenticationEntryPoint channelKey(Problems problems, String message) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", ChannelKeys.HEADER + " realm=\"sanfu\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, Message.of(message));
        };
    }

    /** 403 for a role the chain's rules refuse, as problem+json in the API's language. */
    private static AccessDeniedHandler denied(Problems problems) {
        return (request, response, e) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, Message.of("sanfu.security.denied"));
    }

    /**
     * Spring Security would wrap each filter of every request in an observation (and time sign-ins and
     * authorizations): measured under load, 3% of CPU for the observations and more for the wrapping,
     * and nothing reads them. Sign-in failures and lockouts have the service's own counters
     * ({@link SignInAttempts}); requests are timed by the web server's http.server.requests.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * One password check, and one cache of verified credentials, for every chain. A disabled account
     * is refused by the check itself (SanfuUser.isEnabled), the cache included (VerifiedCredentials).
     * In front of both, the count of failed sign-ins (ThrottledSignIn): a locked account or address is
     * refused before either.
     */
    @Bean
    AuthenticationManager sanfuAuthentication(UserDetailsService users, PasswordEncoder encoder,
            SignInAttempts attempts) {
        return signInChecks(users, encoder, attempts);
    }

    /** The checks of {@link #sanfuAuthentication}, in their order (also built by the tests that count hashing). */
    static AuthenticationManager signInChecks(UserDetailsService users, PasswordEncoder encoder,
            SignInAttempts attempts) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledSignIn(new VerifiedCredentials(passwords, users), attempts));
    }

    /**
     * The person signed in to the workbench, or else HTTP Basic: for the API documents and the operators'
     * apps, which people open in the browser they work in. The session is read and never written
     * ({@link SignedInSessions}), and its account checked as on the pages ({@link SignedInAccountCheck}); a
     * browser with neither is sent to the sign-in form, which brings it back, and any other client gets the
     * API's 401. No session is made for a Basic client.
     */
    private static void signedInOrBasic(HttpSecurity http, Accounts accounts, Problems problems) throws Exception {
        SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new SignedInSessions());
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        HttpSessionRequestCache wayBack = new HttpSessionRequestCache();
        wayBack.setRequestMatcher(browser);
        DelegatingAuthenticationEntryPoint signInFirst = new DelegatingAuthenticationEntryPoint(
                new LinkedHashMap<>(Map.of(browser, new LoginUrlAuthenticationEntryPoint("/login"))));
        signInFirst.setDefaultEntryPoint(signIn(problems));
        http.securityContext(c -> c.securityContextRepository(contexts))
                .addFilterAfter(new SignedInAccountCheck(accounts, contexts, false), SecurityContextHolderFilter.class)
                .addFilterAfter(new PasswordChangeFirst(), SignedInAccountCheck.class)
                .requestCache(cache -> cache.requestCache(wayBack))
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn(problems)))
                .exceptionHandling(e -> e.authenticationEntryPoint(signInFirst).accessDeniedHandler(denied(problems)));
    }

    /**
     * Camunda's web apps (Cockpit and Admin at /camunda/app/) and engine REST API (/engine-rest):
     * ADMIN only, signed in to the workbench or with HTTP Basic like the API ({@link #signedInOrBasic}).
     * Checked before the API's chain. The apps learn who signed in from the servlet API
     * and skip their own login form (operations.CamundaWebAuthentication). Spring's CSRF token is off
     * here, for the two have their own guards right after this chain (operations.OperatorWrites): a
     * write to engine-rest must be JSON or carry X-Requested-By, which no cross-site form can send, and
     * the apps' writes need the token of Camunda's CsrfPreventionFilter; of the writes, only those an
     * operator needs for incidents pass at all. The session cookie is SameSite=Lax besides.
     */
    @Bean
    @Order(1)
    SecurityFilterChain camunda(HttpSecurity http, AuthenticationManager sanfuAuthentication, Problems problems,
            Accounts accounts) throws Exception {
        // by the request's whole path: engine-rest and the apps' APIs are servlets of their own, beside Spring MVC's
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> camundas = new ArrayList<>(List.of(paths.matcher("/camunda/**"),
                paths.matcher("/engine-rest/**")));
        // the copies of the apps' files: not /camunda's, but Camunda's all the same, so the same rule
        CamundaCopies.PATHS.forEach(copy -> camundas.add(paths.matcher(copy + "/**")));
        http.securityMatcher(new OrRequestMatcher(camundas))
                .authenticationManager(sanfuAuthentication)
                .csrf(csrf -> csrf.disable())
                // the apps' own cache headers (CacheControlFilter) let browsers keep their scripts
                .headers(h -> h.cacheControl(c -> c.disable()))
                // The apps keep the signed-in user in their own HTTP session. A new session id on every
                // request (fixation protection) would lose it between a page and its parallel requests;
                // and that alone opens nothing: each request needs an ADMIN's sign-in or credentials.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(f -> f.none()));
        signedInOrBasic(http, accounts, problems);
        http.authorizeHttpRequests(a -> a.anyRequest().hasRole("ADMIN"));
        return http.build();
    }

    /**
     * The API's documents, /v3/api-docs and Swagger UI: for every person, signed in to the workbench or with
     * HTTP Basic ({@link #signedInOrBasic}), so that opening them from the workbench asks for nothing more.
     * They only read; the operations Swagger UI tries are the API's, under its own chain.
     */
    @Bean
    @Order(2)
    SecurityFilterChain apiDocuments(HttpSecurity http, AuthenticationManager sanfuAuthentication, Problems problems,
            Accounts accounts) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // the YAML document is /v3/api-docs.yaml, beside /v3/api-docs/** rather than under it
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/v3/api-docs/**"), paths.matcher("/v3/api-docs.yaml/**"),
                        paths.matcher("/swagger-ui.html"), paths.matcher("/swagger-ui/**")))
                .authenticationManager(sanfuAuthentication)
                .headers(SecurityHeaders.api())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        signedInOrBasic(http, accounts, problems);
        http.authorizeHttpRequests(a -> a.anyRequest().hasAnyRole(PEOPLE));
        return http.build();
    }

    /**
     * The enterprise's one-time feedback pages, /f/{token} (feedback module, issue 14): open to anyone,
     * without an account; no session is needed (feedback.FeedbackPages makes one, in the database as every
     * session, only to keep a rating's thanks for the browser that sent it, and signs no one in). The unguessable token in the path is itself the credential; the
     * feature checks it, spends it once and answers a dead one with 410. No CSRF token either: the form is
     * used without a session to bind one to, and a forged cross-site post would need the token, which is
     * all that whoever holds it needs anyway. Only /f/** is matched here: nothing else opens up.
     */
    @Bean
    @Order(0)
    SecurityFilterChain feedbackLinkPages(HttpSecurity http, ErrorPages errorPages, BodySizeLimitProperties bodies,
            UploadLimits uploads, MessageSource messages) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/f/**"))
                .headers(SecurityHeaders.pages())
                .addFilterAfter(new OversizedPageRequests(uploads, errorPages, messages),
                        SecurityContextHolderFilter.class)
                .addFilterBefore(utf8Forms(bodies, errorPages, messages), CsrfFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The REST API, the API documents and the operators' endpoints: stateless HTTP Basic, no session,
     * no CSRF token (a cross-site form cannot send the JSON bodies or the Authorization header).
     */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager sanfuAuthentication, Problems problems,
            ChannelKeys channelKeys) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/actuator/**")))
                .authenticationManager(sanfuAuthentication)
                .headers(SecurityHeaders.api());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn(problems)))
                // issue 14: a channel's key (X-Channel-Key) opens /api/intake/** and nothing else; a
                // person's sign-in never opens it (403); a wrong or revoked key is 401 at once
                .addFilterAfter(new ChannelKeyFilter(channelKeys, channelKey(problems, "sanfu.security.channel-key")),
                        BasicAuthenticationFilter.class)
                // no credentials at all: a channel's endpoint asks for its key, the rest for Basic (a wrong Basic
                // password there is still answered by httpBasic's own entry point, as a person's)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                                channelKey(problems, "sanfu.security.channel-key-missing"),
                                new OrRequestMatcher(paths.matcher("/api/intake"), paths.matcher("/api/intake/**")))
                        .defaultAuthenticationEntryPointFor(signIn(problems), AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(denied(problems)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/api/intake", "/api/intake/**").hasRole(MachineClient.ROLE)
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(POST, "/api/enterprises").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers(POST, "/api/enterprises/import").hasRole("ADMIN")
                        // ADMIN's writes on an account or channel named in the path: an unknown one is 404 for
                        // every person, before another role's 403 (API.md's order), so the controller checks
                        // the role once it has looked the name up; the rest of both stays ADMIN's here
                        .requestMatchers(POST, "/api/accounts/*/unlock", "/api/accounts/*/handover",
                                "/api/accounts/*/disable", "/api/accounts/*/enable", "/api/accounts/*/password",
                                "/api/channels/*/key")
                        .hasAnyRole(PEOPLE)
                        .requestMatchers(GET, "/api/accounts/*").hasAnyRole(PEOPLE)
                        .requestMatchers(PATCH, "/api/accounts/*", "/api/channels/*").hasAnyRole(PEOPLE)
                        .requestMatchers(DELETE, "/api/channels/*", "/api/channels/*/previous-key").hasAnyRole(PEOPLE)
                        .requestMatchers("/api/accounts", "/api/accounts/**").hasRole("ADMIN")
                        .requestMatchers(POST, "/api/visits").hasAnyRole("STAFF", "DISPATCH")
                        .requestMatchers(GET, "/api/visits").hasAnyRole("STAFF", "DISPATCH", "LEADER", "ADMIN")
                        .requestMatchers(POST, "/api/stats/talks").hasRole("LEADER")
                        .requestMatchers("/api/stats/**", "/api/reports/**").hasAnyRole("LEADER", "DISPATCH", "ADMIN")
                        .requestMatchers("/api/channels", "/api/channels/**").hasRole("ADMIN")
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        // people only: a channel's key is no sign-in here
                        .anyRequest().hasAnyRole(PEOPLE));
        return http.build();
    }

    /**
     * The rules' paths (requestMatchers("/visits/new")) matched as PathPatterns on the request's whole path,
     * as the chains' own matchers above are, rather than as Spring MVC patterns, which need the request's
     * servlet mapping to tell them from another servlet's: a request made up to ask whether someone may
     * open a page (WayBackAfterSignIn, through the WebInvocationPrivilegeEvaluator) has none.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean rulesByWholePath() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * The workbench's pages (docs/UI.md): a sign-in form and a session cookie (HttpOnly, SameSite=Lax,
     * idle timeout {@code server.servlet.session.timeout}), a CSRF token in every form, sign-out by POST.
     * Without a session a page redirects to /login, which sends the user back where they were going.
     * A page refused is a Chinese 403 page (templates/error/403.html), never JSON, which names the roles
     * allowed when a rule here refused it, as the features' own checks do; so is a form posted without
     * its token. Role rules that need no record are here; a ticket's or visit's own rules are
     * checked by the feature, as for the API.
     */
    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager sanfuAuthentication, ErrorPages errorPages,
            Accounts accounts, BodySizeLimitProperties bodies, UploadLimits uploads, MessageSource messages,
            @Qualifier("thymeleafViewResolver") ViewResolver views, KeptForms keptForms,
            ObjectProvider<WebInvocationPrivilegeEvaluator> privileges, Messages worded) throws Exception {
        SecurityContextRepository sessions = new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
        http.authenticationManager(sanfuAuthentication)
                .headers(SecurityHeaders.pages())
                .securityContext(c -> c.securityContextRepository(sessions))
                // the account is read again on every request: disabled or given a new password, its sessions end;
                // a password an administrator set is changed by its person before any other page opens
                .addFilterAfter(new SignedInAccountCheck(accounts, sessions, true), SecurityContextHolderFilter.class)
                .addFilterAfter(new PasswordChangeFirst(), SignedInAccountCheck.class)
                .addFilterBefore(new OversizedPageRequests(uploads, errorPages, messages), CsrfFilter.class)
                .addFilterBefore(utf8Forms(bodies, errorPages, messages), CsrfFilter.class)
                .requestCache(cache -> cache.requestCache(PageNavigations.cache()))
                .formLogin(form -> form.loginPage("/login").successHandler(new WayBackAfterSignIn(privileges))
                        .failureHandler(SignInPage.refused(views)).permitAll())
                .logout(out -> out.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("SANFU_SESSION")
                        .permitAll())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, refused) -> {
                    if (refused instanceof CsrfException && !SIGN_INS.isAuthenticated(
                            SecurityContextHolder.getContext().getAuthentication())) {
                        // a form posted where no one is signed in any more: its session timed out, the cookie is
                        // gone or garbled, or it names a session begun since without a sign-in (a feedback link
                        // rated in that browser, FeedbackPages; a sign-in page opened again). What it needs is a
                        // new sign-in, not a 403; nothing was done, and a forgery gains nothing, since a session
                        // signed in keeps refusing a wrong token (403, below); signed in again, the user is back
                        // on the page the form was on, with what was typed, unless the session is the one a
                        // sign-out led to (ExpiredFormWayBack.SIGNED_OUT: the next person at the terminal)
                        ExpiredFormWayBack.remember(request, keptForms);
                        response.setStatus(HttpStatus.SEE_OTHER.value());
                        response.setHeader("Location", request.getContextPath() + "/login?expired");
                        return;
                    }
                    errorPages.render(request, response, HttpStatus.FORBIDDEN, rolesAllowed(refused, worded));
                }))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        // the error page is the container's to show; asked for directly it has no error to show (was a 500)
                        .requestMatchers("/error", "/error/**").denyAll()
                        // only the WebJars the pages load (templates: ECharts); every other jar's files need a
                        // sign-in at least, and Camunda's copies are its chain's (ADMIN, then 404)
                        .requestMatchers(GET, "/webjars/echarts/**", "/css/**", "/js/**", "/dashboard.css").permitAll()
                        // the form with any query (?error): formLogin's own permit names /login?error only
                        // with its default failure handler, and ours answers a lock with 429 (SignInPage)
                        .requestMatchers(GET, "/login").permitAll()
                        .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .requestMatchers("/reports/**").hasAnyRole("LEADER", "DISPATCH", "ADMIN")
                        .requestMatchers("/talks", "/talks/**").hasRole("LEADER")
                        .requestMatchers("/systemic-problems", "/systemic-problems/**").hasAnyRole("DISPATCH", "LEADER")
                        .requestMatchers("/visits/new").hasAnyRole("STAFF", "DISPATCH")
                        .requestMatchers(POST, "/visits").hasAnyRole("STAFF", "DISPATCH")
                        .requestMatchers("/enterprises/new").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers(POST, "/enterprises").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers("/enterprises/*/edit").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers(POST, "/enterprises/*").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers("/enterprises", "/enterprises/**")
                                .hasAnyRole("STAFF", "DISPATCH", "LEADER", "ADMIN")
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Why a rule of the pages refused: the user's role and the roles allowed, as Caller.require says it
     * (角色 服务专员 无权执行此操作；允许的角色：专班办公室、领导); null when it was not a rule by roles.
     */
    private static String rolesAllowed(AccessDeniedException refused, Messages worded) {
        if (!(refused instanceof AuthorizationDeniedException denied)
                || !(denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision)) {
            return null;
        }
        List<Role> allowed = decision.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> Role.valueOf(a.substring("ROLE_".length()))).sorted()
                .toList(); // in the roles' order, as the rule's set of authorities has none
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        // in Chinese, as the pages speak, whatever the request's locale
        return allowed.isEmpty() || who == null || !(who.getPrincipal() instanceof SanfuUser user) ? null
                : worded.text(Caller.notAllowed(user.caller().role(), allowed), Locale.SIMPLIFIED_CHINESE);
    }

    /** A page's form must be well-formed UTF-8 (web.Utf8Forms), checked before the CSRF token is read from it. */
    private static Utf8Forms utf8Forms(BodySizeLimitProperties bodies, ErrorPages errorPages, MessageSource messages) {
        return new Utf8Forms(bodies.maxBodyBytes(), OversizedPageRequests.size(bodies.maxBodyBytes()), errorPages,
                messages);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * A user name with a control character (a NUL sent to the sign-in form) names no account, and is not looked
     * up: PostgreSQL refuses a NUL in a text parameter, and its error was an internal one, which the lockout does
     * not count and which wrote a stack trace for each try. Now it is a failed sign-in like any unknown name.
     */
    @Bean
    UserDetailsService users(Accounts accounts) {
        return username -> (Text.Rule.fault(username, false, false, Integer.MAX_VALUE) == null
                ? accounts.find(username) : Optional.<Accounts.Account>empty()).map(SanfuUser::of)
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /** Lets a controller method take the {@link Caller} as an argument. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class || parameter.getParameterType() == MachineClient.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                    NativeWebRequest request, WebDataBinderFactory binders) {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                Object principal = auth == null ? null : auth.getPrincipal();
                if (parameter.getParameterType() == MachineClient.class) {
                    if (principal instanceof MachineClient client) {
                        return client;
                    }
                    throw new org.sanfu.DomainException.NotYours(Message.of("sanfu.security.denied"));
                }
                if (!(principal instanceof SanfuUser user)) {
                    throw new org.sanfu.DomainException.NotYours(Message.of("sanfu.security.denied"));
                }
                return user.caller();
            }
        });
    }
}
