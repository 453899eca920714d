package com.acme.service;

public class Service {
  public static void main(String[] args) {
    System.out.println("service");
  }
}
