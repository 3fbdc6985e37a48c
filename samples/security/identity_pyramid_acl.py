"""Pyramid 2: one security policy (who is calling, what may they do) and ACLs on the resources."""

from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, ACLHelper, Allow, Authenticated, Everyone
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPNotFound
from pyramid.security import NO_PERMISSION_REQUIRED

# Stands for a real credential check: an opaque token looked up in a store. Pyramid ships helpers for
# the usual carriers: SessionAuthenticationHelper (the session) and AuthTktCookieHelper (a signed cookie).
TOKENS = {"tok-ada": ("ada", ["group:editors"]), "tok-grace": ("grace", []), "tok-root": ("root", ["group:admins"])}
DOCUMENTS = {"plan": {"owner": "grace", "text": "Q3 plan"}}


class TokenSecurityPolicy:
    """Pyramid 2's ISecurityPolicy: identity() authenticates, permits() authorizes."""

    def identity(self, request):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or token not in TOKENS:
            return None
        userid, groups = TOKENS[token]
        return {"userid": userid, "groups": groups}

    def authenticated_userid(self, request):
        identity = request.identity  # identity() is called once per request, then cached
        return identity["userid"] if identity else None

    def permits(self, request, context, permission):
        principals = [Everyone]
        if request.identity:
            principals += [Authenticated, f"user:{request.identity['userid']}", *request.identity["groups"]]
        return ACLHelper().permits(context, principals, permission)  # ACLDenied when no ACE matches

    def remember(self, request, userid, **kw):
        return []  # a token is not set by the server in this sample: no headers to add

    def forget(self, request, **kw):
        return []


class Root:
    __acl__ = [(Allow, "group:admins", ALL_PERMISSIONS), DENY_ALL]  # everything else: refused


class Document:
    def __init__(self, name, owner):
        self.__name__, self.__parent__ = name, Root()
        self.__acl__ = [
            (Allow, Everyone, "view"),
            (Allow, f"user:{owner}", "edit"),  # an object-level rule: the owner may edit their document
            (Allow, "group:editors", "edit"),
            # no match here: ACLHelper goes on to the parent's ACL, whose DENY_ALL ends the search
        ]


def document_factory(request):
    document = DOCUMENTS.get(request.matchdict["name"])
    if document is None:
        raise HTTPNotFound()
    return Document(request.matchdict["name"], document["owner"])


def show(context, request):
    return {"name": context.__name__, "text": DOCUMENTS[context.__name__]["text"]}


def edit(context, request):
    return {"edited": context.__name__, "by": request.authenticated_userid}


def stats(request):  # declares no permission: the default permission applies
    return {"documents": len(DOCUMENTS)}


def health(request):
    return {"ok": True}


with Configurator(root_factory=lambda request: Root()) as config:
    config.set_security_policy(TokenSecurityPolicy())
    config.set_default_permission("admin")  # deny by default: a view that forgets its permission is not public
    config.add_route("document", "/documents/{name}", factory=document_factory)
    config.add_route("stats", "/stats")
    config.add_route("health", "/health")
    config.add_view(show, route_name="document", request_method="GET", permission="view", renderer="json")
    config.add_view(edit, route_name="document", request_method="POST", permission="edit", renderer="json")
    config.add_view(stats, route_name="stats", renderer="json")
    config.add_view(health, route_name="health", renderer="json", permission=NO_PERMISSION_REQUIRED)
    app = config.make_wsgi_app()
